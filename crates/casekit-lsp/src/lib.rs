//! The casekit language server: the CLI's diagnostics, fixes and score in the editor.
//!
//! Built on `lsp-server` and `lsp-types`, the crates rust-analyzer uses: a synchronous
//! server on plain threads and channels, with no async runtime. casekit checks a
//! document in about a millisecond, so one thread answering messages in order is fast
//! enough and keeps the server simple: each change is checked before the next message
//! is read.
//!
//! Every answer comes from the core's single entry point (`casekit_core::Analysis`),
//! under the settings the CLI would use for the same file (`casekit_settings`).
//! A panic while answering one message is caught, reported to the client through
//! `window/logMessage`, and the server goes on serving.

mod convert;
mod features;
mod fix_all;
mod state;

pub use features::{score_line, section_needs};
pub use state::State;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, CodeLensRefresh, CodeLensRequest, DocumentSymbolRequest, HoverRequest,
    RegisterCapability, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CodeLensOptions, DidChangeWatchedFilesRegistrationOptions,
    FileSystemWatcher, GlobPattern, HoverProviderCapability, InitializeParams, LogMessageParams,
    MessageType, OneOf, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use state::Checked;
use std::panic::AssertUnwindSafe;

/// How the server behaves beyond the protocol; the default is what `casekit lsp` runs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A request method that makes the handler panic, so tests can show a panic is
    /// caught and the server keeps serving. `None` outside tests.
    pub panic_on: Option<String>,
}

/// Serves the protocol on standard input and output until the client says exit.
pub fn run_stdio() -> anyhow::Result<()> {
    let (connection, io) = Connection::stdio();
    serve(connection, Options::default())?;
    io.join()?;
    Ok(())
}

pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX, fix_all::kind()]),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..Default::default()
    }
}

/// Runs the initialize handshake, then answers messages until shutdown and exit.
pub fn serve(conn: Connection, options: Options) -> anyhow::Result<()> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "casekit", "version": env!("CARGO_PKG_VERSION")},
    });
    let (id, params) = conn.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    conn.initialize_finish(id, init)?;
    let lens_refresh = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.code_lens.as_ref())
        .and_then(|c| c.refresh_support)
        .unwrap_or(false);
    let mut server = Server {
        conn: &conn,
        state: State::default(),
        options,
        next_id: 0,
        lens_refresh,
    };
    let dynamic_watch = params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if dynamic_watch {
        server.watch_config_files()?;
    }
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) if req.method == "shutdown" => {
                conn.sender
                    .send(Response::new_ok(req.id, serde_json::Value::Null).into())?;
                return wait_for_exit(&conn);
            }
            Message::Request(req) => server.request(req)?,
            // The protocol's order is shutdown, then exit; an exit alone is an error.
            Message::Notification(n) if n.method == "exit" => {
                anyhow::bail!("the client sent exit without shutdown")
            }
            Message::Notification(n) => server.notification(n)?,
            // Answers to our own requests (the watcher registration): nothing to do.
            Message::Response(_) => {}
        }
    }
    Ok(())
}

struct Server<'a> {
    conn: &'a Connection,
    state: State,
    options: Options,
    next_id: i32,
    /// Whether the client asks to be told when the score lens changes.
    lens_refresh: bool,
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

impl Server<'_> {
    fn send(&self, msg: impl Into<Message>) -> anyhow::Result<()> {
        self.conn.sender.send(msg.into())?;
        Ok(())
    }

    fn notify<N: lsp_types::notification::Notification>(&self, p: N::Params) -> anyhow::Result<()> {
        self.send(Notification::new(N::METHOD.to_string(), p))
    }

    fn log(&self, typ: MessageType, message: String) -> anyhow::Result<()> {
        self.notify::<LogMessage>(LogMessageParams { typ, message })
    }

    fn watch_config_files(&mut self) -> anyhow::Result<()> {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", casekit_settings::CONFIG_FILE)),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "casekit-config".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(serde_json::to_value(options)?),
            }],
        };
        self.send_request(RegisterCapability::METHOD, params)
    }

    /// A request of ours to the client; its answer is read and dropped by the loop.
    fn send_request(&mut self, method: &str, params: impl serde::Serialize) -> anyhow::Result<()> {
        self.next_id += 1;
        let id = RequestId::from(format!("casekit-{}", self.next_id));
        self.send(Request::new(id, method.into(), params))
    }

    fn request(&mut self, req: Request) -> anyhow::Result<()> {
        let id = req.id.clone();
        let method = req.method.clone();
        let answer = std::panic::catch_unwind(AssertUnwindSafe(|| self.answer(req)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()),
            Err(p) => {
                let text = panic_text(&*p);
                self.log(
                    MessageType::ERROR,
                    format!("casekit: internal error answering {method}: {text}; still serving"),
                )?;
                Response::new_err(id, ErrorCode::InternalError as i32, text)
            }
        };
        self.send(response)
    }

    /// The result of one request, as JSON (`null` for an unknown document).
    fn answer(&mut self, req: Request) -> anyhow::Result<serde_json::Value> {
        if self.options.panic_on.as_deref() == Some(req.method.as_str()) {
            panic!("panic requested for {}", req.method);
        }
        let value = match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(req.params)?;
                let at = p.text_document_position_params;
                analysis(&self.state, &at.text_document.uri)
                    .and_then(|(a, profile)| features::hover(a, profile, at.position))
                    .map(serde_json::to_value)
                    .transpose()?
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(req.params)?;
                let uri = p.text_document.uri;
                let wanted = |k: &lsp_types::CodeActionKind| {
                    p.context
                        .only
                        .as_ref()
                        .is_none_or(|only| only.iter().any(|o| k.as_str().starts_with(o.as_str())))
                };
                match self.state.docs.get(&uri) {
                    Some(state::Open {
                        checked: Checked::Done(a),
                        resolved,
                        fix_all: fix_all_cell,
                        ..
                    }) => {
                        let mut actions = features::code_actions(a, &uri, p.range);
                        actions.retain(|c| match c {
                            lsp_types::CodeActionOrCommand::CodeAction(c) => {
                                c.kind.as_ref().is_none_or(wanted)
                            }
                            _ => true,
                        });
                        if wanted(&fix_all::kind()) {
                            let made = fix_all_cell.get_or_init(|| {
                                fix_all::action(a, &state::path_of(&uri), resolved, &uri)
                            });
                            actions.extend(made.clone());
                        }
                        Some(serde_json::to_value(actions)?)
                    }
                    _ => None,
                }
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = serde_json::from_value(req.params)?;
                analysis(&self.state, &p.text_document.uri)
                    .map(|(a, profile)| serde_json::to_value(features::symbols(a, profile)))
                    .transpose()?
            }
            CodeLensRequest::METHOD => {
                let p: lsp_types::CodeLensParams = serde_json::from_value(req.params)?;
                analysis(&self.state, &p.text_document.uri)
                    .map(|(a, _)| serde_json::to_value(vec![features::code_lens(a)]))
                    .transpose()?
            }
            other => anyhow::bail!("casekit does not answer {other}"),
        };
        Ok(value.unwrap_or(serde_json::Value::Null))
    }

    fn notification(&mut self, n: Notification) -> anyhow::Result<()> {
        let method = n.method.clone();
        let done = std::panic::catch_unwind(AssertUnwindSafe(|| self.handle(n)));
        match done {
            Ok(r) => r,
            Err(p) => self.log(
                MessageType::ERROR,
                format!(
                    "casekit: internal error handling {method}: {}; still serving",
                    panic_text(&*p)
                ),
            ),
        }
    }

    fn handle(&mut self, n: Notification) -> anyhow::Result<()> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let d = p.text_document;
                self.check_and_publish(d.uri, d.version, d.text)
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                // Full sync: the last change holds the whole text.
                match p.content_changes.into_iter().last() {
                    Some(c) => {
                        self.check_and_publish(p.text_document.uri, p.text_document.version, c.text)
                    }
                    None => Ok(()),
                }
            }
            DidSaveTextDocument::METHOD => {
                let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params)?;
                if is_config(&p.text_document.uri) {
                    return self.reload_configs();
                }
                let uri = p.text_document.uri;
                let Some(open) = self.state.docs.get(&uri) else {
                    return Ok(());
                };
                let (version, text) = (open.version, p.text.unwrap_or_else(|| open.text.clone()));
                self.check_and_publish(uri, version, text)
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                self.state.docs.remove(&p.text_document.uri);
                self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                    uri: p.text_document.uri,
                    diagnostics: Vec::new(),
                    version: None,
                })
            }
            DidChangeWatchedFiles::METHOD => {
                let p: lsp_types::DidChangeWatchedFilesParams = serde_json::from_value(n.params)?;
                if p.changes.iter().any(|c| is_config(&c.uri)) {
                    self.reload_configs()?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn check_and_publish(&mut self, uri: Url, version: i32, text: String) -> anyhow::Result<()> {
        let open = self.state.update(uri.clone(), version, text);
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics: convert::diagnostics(open),
            version: Some(version),
        };
        self.notify::<PublishDiagnostics>(params)?;
        // The score moved with the diagnostics: ask the client to fetch the lens again.
        if self.lens_refresh {
            self.send_request(CodeLensRefresh::METHOD, serde_json::Value::Null)?;
        }
        Ok(())
    }

    /// A casekit.toml changed: read the config files again and check every open
    /// document under its new settings.
    fn reload_configs(&mut self) -> anyhow::Result<()> {
        self.state.forget_configs();
        let open: Vec<(Url, i32, String)> = self
            .state
            .docs
            .iter()
            .map(|(u, o)| (u.clone(), o.version, o.text.clone()))
            .collect();
        for (uri, version, text) in open {
            self.check_and_publish(uri, version, text)?;
        }
        Ok(())
    }
}

/// After shutdown, only `exit` ends the session (the protocol's order). Answers to our
/// own requests that were still on their way are dropped, and any other request is
/// refused; a client that never says exit is given 30 seconds.
fn wait_for_exit(conn: &Connection) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match conn.receiver.recv_timeout(left) {
            Ok(Message::Notification(n)) if n.method == "exit" => return Ok(()),
            Ok(Message::Request(r)) => {
                let refused = Response::new_err(
                    r.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                );
                conn.sender.send(refused.into())?;
            }
            Ok(_) => {}
            Err(_) => anyhow::bail!("the client did not send exit within 30 seconds of shutdown"),
        }
    }
}

/// The analysis of an open document that was checked, and its profile.
fn analysis<'s>(
    state: &'s State,
    uri: &Url,
) -> Option<(&'s casekit_core::Analysis, &'s casekit_core::Profile)> {
    state.docs.get(uri).and_then(|o| match &o.checked {
        Checked::Done(a) => Some((a.as_ref(), &o.resolved.profile)),
        Checked::Refused { .. } => None,
    })
}

fn is_config(uri: &Url) -> bool {
    uri.path()
        .ends_with(&format!("/{}", casekit_settings::CONFIG_FILE))
}
