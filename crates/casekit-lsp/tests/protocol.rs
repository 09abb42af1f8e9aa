//! The server over an in-memory connection, as an editor drives it: initialize,
//! didOpen, didChange, codeAction, hover, documentSymbol, codeLens, a caught panic,
//! a config reload, shutdown and exit. Every wait is bounded.

use casekit_lsp::{serve, Options};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

const DOC: &str = "# Parcel Locker 📦\n\n## Overview\n\nResidents 漢字 😀 of large buildings lose parcels, so we built lockers that text them a code over MQTT.\n\n## Goals\n\n- Users collect a parcel within 2 hours.\n\n## System Architecture\n\nA web app talks to an API.\n\n| Layer | Technology |\n|---|---|\n| Frontend | React |\n| Backend | Go |\n";

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<anyhow::Result<()>>>,
    next: i32,
    /// Notifications that came while waiting for a response, in order.
    pending: std::collections::VecDeque<Notification>,
    /// The methods of the server's own requests, in order.
    asked: Vec<String>,
}

impl Client {
    fn start(init: Value) -> Client {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || {
            serve(
                server,
                Options {
                    panic_on: Some("casekit/panic".into()),
                },
            )
        });
        let mut c = Client {
            conn,
            server: Some(handle),
            next: 0,
            pending: Default::default(),
            asked: Vec::new(),
        };
        let caps = c.request("initialize", init);
        assert_eq!(caps["result"]["serverInfo"]["name"], "casekit");
        assert_eq!(caps["result"]["capabilities"]["hoverProvider"], true);
        c.notify("initialized", json!({}));
        c
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    /// Sends a request and returns its response (as JSON), skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        for _ in 0..1000 {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("an answer in time")
            {
                Message::Response(r) if r.id == id => return serde_json::to_value(r).unwrap(),
                Message::Notification(n) => self.pending.push_back(n),
                Message::Request(r) => {
                    // The server's own request (the watcher registration): answer it.
                    self.asked.push(r.method.clone());
                    let ok = Response::new_ok(r.id, Value::Null);
                    self.conn.sender.send(ok.into()).unwrap();
                }
                _ => {}
            }
        }
        panic!("no response to {method}");
    }

    /// The next notification of `method`, skipping the others.
    fn expect(&mut self, method: &str) -> Value {
        if let Some(i) = self.pending.iter().position(|n| n.method == method) {
            let n = self.pending.remove(i).unwrap();
            self.pending.drain(..i);
            return n.params;
        }
        self.pending.clear();
        for _ in 0..1000 {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("a message in time")
            {
                Message::Notification(n) if n.method == method => return n.params,
                Message::Request(r) => {
                    self.asked.push(r.method.clone());
                    let ok = Response::new_ok(r.id, Value::Null);
                    self.conn.sender.send(ok.into()).unwrap();
                }
                _ => {}
            }
        }
        panic!("no {method}");
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let result = self
            .server
            .take()
            .unwrap()
            .join()
            .expect("the server thread ends");
        assert!(result.is_ok(), "{result:?}");
    }
}

fn open(c: &mut Client, uri: &str, text: &str) -> Value {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.expect("textDocument/publishDiagnostics")
}

fn find<'a>(diags: &'a Value, code: &str) -> &'a Value {
    diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#}"))
}

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.md");
    let uri = format!("file://{}", path.display());
    let mut c = Client::start(json!({"capabilities": {}}));

    let diags = open(&mut c, &uri, DOC);
    assert_eq!(diags["version"], 1);
    let arc302 = find(&diags, "ARC302");
    assert_eq!(arc302["severity"], 1);
    assert_eq!(arc302["source"], "casekit");
    assert!(arc302["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("docs/rules.md#arc302"));
    // The header row of the table is line 15 (0-based 14); columns count UTF-16 units.
    assert_eq!(arc302["range"]["start"]["line"], 14);
    // After emoji and CJK, columns are UTF-16 code units (😀 is two, 漢 one).
    let line = DOC.lines().nth(4).unwrap();
    let col = line[..line.find("MQTT").unwrap()].encode_utf16().count();
    assert_eq!(
        find(&diags, "STY005")["range"]["start"],
        json!({"line": 4, "character": col})
    );
    let ovr102 = find(&diags, "OVR102");
    assert_eq!(ovr102["range"]["start"], json!({"line": 2, "character": 0}));

    // A change is checked again and published with its version.
    let changed = DOC
        .replace("| Layer | Technology |", "| Layer | Technology | Why |")
        .replace("|---|---|", "|---|---|---|")
        .replace(
            "| React |",
            "| React | pages ship little script, since most visits are phones |",
        )
        .replace("| Go |", "| Go | one static binary is simple to run |");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let diags = c.expect("textDocument/publishDiagnostics");
    assert_eq!(diags["version"], 2);
    let codes: Vec<&str> = diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"ARC302"), "{codes:?}");
    assert!(codes.contains(&"ARC303"));

    // Code actions on the table header: the column fix and a suppression.
    let at = json!({"start": {"line": 14, "character": 0}, "end": {"line": 14, "character": 3}});
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": at, "context": {"diagnostics": []}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Fix ARC303"))
        .expect("the ARC303 fix");
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 4, "one insertion per table line");
    assert_eq!(edits[0]["newText"], " What We Considered |");
    assert_eq!(edits[0]["range"]["start"], edits[0]["range"]["end"]);
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress ARC303 here")
        .expect("a suppression");
    let s = &suppress["edit"]["changes"][&uri];
    assert_eq!(s[0]["newText"], "<!-- casekit-disable ARC303 -->\n");
    assert_eq!(s[1]["newText"], "\n<!-- casekit-enable ARC303 -->");

    // Hover on a finding: the rule's explain text; on a heading: what the section needs.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 14, "character": 2}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("# ARC303 tech-stack-alternatives"), "{text}");
    assert!(text.contains("## How to fix"));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 4}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**Goals and Non-Goals**"), "{text}");
    assert!(text.contains("GOL204"));

    // The outline: the guide sections found and the heading each came from.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<(String, String)> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            (
                "Overview".to_string(),
                "from the heading \"Overview\"".to_string()
            ),
            (
                "Goals and Non-Goals".to_string(),
                "from the heading \"Goals\"".to_string()
            ),
            (
                "System Architecture".to_string(),
                "from the heading \"System Architecture\"".to_string()
            ),
        ]
    );

    // The score on the title line.
    let lens = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let lens = &lens["result"][0];
    assert_eq!(lens["range"]["start"]["line"], 0);
    let title = lens["command"]["title"].as_str().unwrap();
    assert!(title.contains(" · Needs Work — next: +"), "{title}");

    // A panic while answering is an error response and a log message; serving goes on.
    let r = c.request("casekit/panic", json!({}));
    assert_eq!(r["error"]["code"], -32603);
    let log = c.expect("window/logMessage");
    assert!(log["message"].as_str().unwrap().contains("still serving"));
    let again = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(again["result"][0]["command"]["title"].is_string());

    c.shutdown();
}

#[test]
fn config_is_found_from_the_folder_and_reloaded_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.md");
    let config = dir.path().join("casekit.toml");
    std::fs::write(&config, "ignore = [\"OVR102\"]\n").unwrap();
    let uri = format!("file://{}", path.display());
    let config_uri = format!("file://{}", config.display());
    let mut c = Client::start(json!({"capabilities": {"workspace": {
        "didChangeWatchedFiles": {"dynamicRegistration": true},
        "codeLens": {"refreshSupport": true},
    }}}));

    let diags = open(&mut c, &uri, DOC);
    let has = |d: &Value, code: &str| {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == code)
    };
    assert!(!has(&diags, "OVR102"), "ignored by casekit.toml");
    assert!(has(&diags, "OVR103"));

    std::fs::write(
        &config,
        "ignore = [\"OVR103\"]\n\n[rules]\nOVR102 = \"info\"\n",
    )
    .unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let diags = c.expect("textDocument/publishDiagnostics");
    assert!(!has(&diags, "OVR103"));
    // The severity the file sets (information = 3).
    assert_eq!(find(&diags, "OVR102")["severity"], 3);

    // The client allows it, so the watcher was registered and the lens is refreshed
    // after each publish.
    let _ = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        c.asked.iter().any(|m| m == "client/registerCapability"),
        "{:?}",
        c.asked
    );
    assert!(
        c.asked.iter().any(|m| m == "workspace/codeLens/refresh"),
        "{:?}",
        c.asked
    );

    // A broken file is reported on the document, which is checked with the defaults.
    std::fs::write(&config, "ignore = [\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let diags = c.expect("textDocument/publishDiagnostics");
    assert!(has(&diags, "config"));
    assert!(has(&diags, "OVR102") && has(&diags, "OVR103"));
    c.shutdown();
}

#[test]
fn a_hostile_buffer_is_refused_with_one_diagnostic() {
    let mut c = Client::start(json!({"capabilities": {}}));
    let deep = format!("# T\n\n{}x\n", "> ".repeat(5000));
    let diags = open(&mut c, "untitled:deep.md", &deep);
    let all = diags["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["code"], "limit");
    assert!(all[0]["message"].as_str().unwrap().contains("not checked"));
    c.shutdown();
}

/// `text` with one LSP edit applied (positions in UTF-16 code units).
fn apply_edit(text: &str, edit: &Value) -> String {
    let lines = casekit_core::LineIndex::new(text);
    let at = |p: &Value| {
        lines.offset_of_utf16(
            text,
            p["line"].as_u64().unwrap() as u32,
            p["character"].as_u64().unwrap() as u32,
        ) as usize
    };
    let (from, to) = (at(&edit["range"]["start"]), at(&edit["range"]["end"]));
    format!(
        "{}{}{}",
        &text[..from],
        edit["newText"].as_str().unwrap(),
        &text[to..]
    )
}

#[test]
fn fix_all_reaches_a_fixed_point_and_then_offers_nothing() {
    // Sections out of order and two tech stack tables, with emoji and CJK before them.
    let text = "# Parcel Locker 📦\n\n## Challenges and Solutions\n\n漢字 😀 The MQTT link dropped; we added retries.\n\n| Layer | Technology |\n|---|---|\n| Frontend | React |\n\n## Goals\n\n- Users collect a parcel within 2 hours.\n\n## System Architecture\n\nA web app talks to an API.\n\n| Layer | Technology |\n|---|---|\n| Backend | Go |\n";
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}", dir.path().join("case.md").display());
    let mut c = Client::start(json!({"capabilities": {}}));
    open(&mut c, &uri, text);
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let ask = |c: &mut Client| {
        c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": whole,
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )["result"]
            .as_array()
            .unwrap()
            .clone()
    };
    let actions = ask(&mut c);
    assert_eq!(
        actions.len(),
        1,
        "only the fix-all kind was asked for: {actions:#?}"
    );
    assert_eq!(actions[0]["kind"], "source.fixAll.casekit");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let fixed = apply_edit(text, &edits[0]);
    let mut rest = fixed.bytes();
    assert!(
        text.bytes().all(|b| rest.any(|c| c == b)),
        "a byte was lost"
    );
    assert!(
        fixed.contains("| Frontend | React | REASON_1 | ALTERNATIVE_1 |"),
        "{fixed}"
    );
    assert!(
        fixed.contains("| Backend | Go | REASON_1 | ALTERNATIVE_1 |"),
        "{fixed}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    c.expect("textDocument/publishDiagnostics");
    assert!(ask(&mut c).is_empty(), "fix all offered again");
    c.shutdown();
}
