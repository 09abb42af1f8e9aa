//! `casekit serve`: the report of one document on a local web server, rebuilt on each
//! save and pushed to the browser with server-sent events.
//!
//! Three parts: a watcher thread (notify, on the document's folder, debounced) that
//! rebuilds the page and bumps a version; the HTTP loop on this thread (tiny_http) that
//! serves the page and the folder's files; and one thread per open `/events` stream
//! that waits for the next version. A file that disappears or cannot be read turns into
//! a notice on the page; the server keeps running.

use super::check::{check_one, plan};
use crate::cli::{ConfigArgs, ServeArgs};
use casekit_core::Analysis;
use casekit_report::PageOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the watcher waits for a burst of file events (an editor's save) to end.
const DEBOUNCE: Duration = Duration::from_millis(100);
/// An idle event stream sends a comment this often, to notice closed browsers.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The current page and its version; `/events` streams wait on the condition variable.
struct Shared {
    page: Mutex<(u64, Arc<String>)>,
    changed: Condvar,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<u8> {
    let [file] = args.config.paths.as_slice() else {
        eprintln!("casekit: error: serve takes exactly one document");
        return Ok(2);
    };
    if file.as_os_str() == "-" || file.is_dir() {
        eprintln!(
            "casekit: error: {}: serve takes a document file",
            file.display()
        );
        return Ok(2);
    }
    let folder = std::fs::canonicalize(
        file.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )?;
    let name = file
        .file_name()
        .map(|n| n.to_os_string())
        .ok_or_else(|| anyhow::anyhow!("{}: not a file name", file.display()))?;
    if !args.bind.is_loopback() {
        eprintln!(
            "casekit: warning: listening on {}, not a loopback address: anyone who can reach this machine can read {} and its folder",
            args.bind,
            file.display()
        );
    }
    let server = match tiny_http::Server::http((args.bind, args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "casekit: error: cannot listen on {}:{}: {e}",
                args.bind, args.port
            );
            return Ok(2);
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());

    let mut config = args.config.clone();
    config.paths = vec![file.clone()];
    let mut renderer = Renderer {
        config,
        last_good: None,
    };
    let shared = Arc::new(Shared {
        page: Mutex::new((1, Arc::new(renderer.render()))),
        changed: Condvar::new(),
    });

    // The watcher must live as long as the server: dropping it stops the events.
    let _watcher = watch(&folder, name, renderer, Arc::clone(&shared))?;

    let host = if args.bind.is_ipv6() {
        format!("[{}]", args.bind)
    } else {
        args.bind.to_string()
    };
    let url = format!("http://{host}:{port}/");
    println!(
        "casekit: serving {} at {url} (Ctrl-C stops)",
        file.display()
    );
    std::io::stdout().flush()?;
    if args.open {
        open_browser(&url);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))?;
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) if args.bind.is_loopback() && !local_host(&request, port) => {
                // A page elsewhere that rebinds its own name to this machine must not
                // read the document: a loopback server answers only loopback names.
                let r = tiny_http::Response::from_string("unexpected Host").with_status_code(421);
                let _ = request.respond(r);
            }
            Ok(Some(request)) => respond(request, &folder, &shared),
            Ok(None) => {}
            Err(e) => {
                eprintln!("casekit: error: {e}");
                break;
            }
        }
    }
    println!("casekit: stopped");
    Ok(0)
}

/// Rebuilds the page; remembers the last document that could be read, so a page that
/// breaks mid-edit still shows something useful under its notice.
struct Renderer {
    config: ConfigArgs,
    last_good: Option<Analysis>,
}

impl Renderer {
    fn render(&mut self) -> String {
        let opts = PageOptions {
            live_reload: Some("/events".into()),
            ..PageOptions::default()
        };
        let path = self.config.paths[0].clone();
        let problem = match self.analyse() {
            Ok(a) => {
                let mut opts = opts.clone();
                if a.document.text().trim().is_empty() {
                    opts.notice = Some(format!("{} is empty.", path.display()));
                }
                let page = casekit_report::page(&a, &opts);
                self.last_good = Some(a);
                return page;
            }
            Err(problem) => problem,
        };
        let message = format!("{problem}. The page shows the last version that could be read and updates when the file is fixed.");
        match &self.last_good {
            Some(a) => {
                let opts = PageOptions {
                    notice: Some(message),
                    ..opts
                };
                casekit_report::page(a, &opts)
            }
            None => casekit_report::notice_page(&path.display().to_string(), &problem, &opts),
        }
    }

    fn analyse(&self) -> Result<Analysis, String> {
        let (jobs, errors) = plan(&self.config);
        if let Some(e) = errors.first() {
            return Err(e.to_string());
        }
        let job = jobs
            .first()
            .ok_or_else(|| format!("{}: not found", self.config.paths[0].display()))?;
        check_one(job, self.config.max_file_size).map_err(|e| e.to_string())
    }
}

fn watch(
    folder: &Path,
    name: std::ffi::OsString,
    mut renderer: Renderer,
    shared: Arc<Shared>,
) -> anyhow::Result<notify::RecommendedWatcher> {
    use notify::Watcher;
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(folder, notify::RecursiveMode::NonRecursive)?;
    let relevant = move |e: &notify::Event| {
        e.paths.iter().any(|p| {
            p.file_name()
                .is_some_and(|n| n == name.as_os_str() || n == "casekit.toml")
        })
    };
    std::thread::spawn(move || {
        while let Ok(event) = rx.recv() {
            if !event.as_ref().is_ok_and(&relevant) {
                continue;
            }
            // A save is often several events (truncate, write, rename); wait for quiet.
            while rx.recv_timeout(DEBOUNCE).is_ok() {}
            let page = Arc::new(renderer.render());
            if let Ok(mut p) = shared.page.lock() {
                *p = (p.0 + 1, page);
            }
            shared.changed.notify_all();
        }
    });
    Ok(watcher)
}

fn local_host(request: &tiny_http::Request, port: u16) -> bool {
    let Some(host) = request.headers().iter().find(|h| h.field.equiv("Host")) else {
        return false;
    };
    let host = host.value.as_str().to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}") || host == *name)
}

fn respond(request: tiny_http::Request, folder: &Path, shared: &Arc<Shared>) {
    use tiny_http::{Header, Method, Response};
    let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if url == "/events" {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || events(request, &shared));
        return;
    }
    if url == "/" {
        let page = shared.page.lock().map(|p| Arc::clone(&p.1));
        let body = page.map(|p| p.as_bytes().to_vec()).unwrap_or_default();
        let mut r = Response::from_data(body);
        for h in [
            header("Content-Type", "text/html; charset=utf-8"),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ]
        .into_iter()
        .flatten()
        {
            r.add_header(h);
        }
        let _ = request.respond(r);
        return;
    }
    let (status, file) = match resolve(folder, &url) {
        Ok(p) => (200, Some(p)),
        Err(code) => (code, None),
    };
    let Some(path) = file else {
        let text = if status == 403 {
            "forbidden"
        } else {
            "not found"
        };
        let _ = request.respond(Response::from_string(text).with_status_code(status));
        return;
    };
    match std::fs::File::open(&path) {
        Ok(f) => {
            let mut r = Response::from_file(f);
            for h in [
                header("Content-Type", content_type(&path)),
                header("X-Content-Type-Options", "nosniff"),
            ]
            .into_iter()
            .flatten()
            {
                r.add_header(h);
            }
            let _ = request.respond(r);
        }
        Err(_) => {
            let _ = request.respond(Response::from_string("not found").with_status_code(404));
        }
    }
}

/// The file under `folder` that `url` names, or the status that refuses it: 403 for a
/// path that tries to leave the folder (`..`, an absolute path, a link out), 404 for
/// one that is not there.
fn resolve(folder: &Path, url: &str) -> Result<PathBuf, u16> {
    let decoded = percent_decode(url.trim_start_matches('/')).ok_or(403u16)?;
    let rel = Path::new(&decoded);
    let sneaky = decoded.contains(['\\', '\0'])
        || rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if sneaky || decoded.is_empty() {
        return Err(403);
    }
    let path = std::fs::canonicalize(folder.join(rel)).map_err(|_| 404u16)?;
    if !path.starts_with(folder) {
        return Err(403);
    }
    if !path.is_file() {
        return Err(404);
    }
    Ok(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        // An SVG opened directly could run script from the document's folder; as a
        // download it cannot.
        Some("svg") => "application/octet-stream",
        Some("md" | "mdx" | "txt" | "toml") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// One `/events` stream: an event each time the page changes, until the browser goes.
fn events(request: tiny_http::Request, shared: &Shared) {
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(b": connected\n\n"))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    let Ok(mut guard) = shared.page.lock() else {
        return;
    };
    let mut seen = guard.0;
    loop {
        let message = if guard.0 != seen {
            seen = guard.0;
            format!("event: reload\ndata: {seen}\n\n")
        } else {
            let (g, timeout) = match shared.changed.wait_timeout(guard, HEARTBEAT) {
                Ok(r) => r,
                Err(_) => return,
            };
            guard = g;
            if guard.0 != seen || !timeout.timed_out() {
                // A new version (sent at the top of the loop) or a spurious wake-up.
                continue;
            }
            ": still here\n\n".to_string()
        };
        // Write without holding the lock: a slow browser must not stall the others.
        drop(guard);
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
        guard = match shared.page.lock() {
            Ok(g) => g,
            Err(_) => return,
        };
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("casekit: warning: could not open a browser ({opener}: {e}); open {url}");
    }
}
