//! The editor's path, in process: a `textDocument/didChange` of a ~4,000-word case
//! study sent to the server over an in-memory connection, until the
//! `textDocument/publishDiagnostics` for it comes back (check, score, conversion to
//! UTF-16 positions and JSON both ways included). BENCHMARKS.md reads this number.

use casekit_gen::{case_study, Flavor};
use casekit_lsp::{serve, Options};
use criterion::{criterion_group, criterion_main, Criterion};
use lsp_server::{Connection, Message, Notification};
use serde_json::json;
use std::time::Duration;

// The allocator the `casekit` binary ships with, so these numbers are its numbers.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn notify(c: &Connection, method: &str, params: serde_json::Value) {
    c.sender
        .send(Message::Notification(Notification::new(
            method.into(),
            params,
        )))
        .unwrap();
}

/// Waits (bounded) for the diagnostics of version `v`.
fn published(c: &Connection, v: i32) -> usize {
    loop {
        match c
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("diagnostics in time")
        {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["version"] == v =>
            {
                return n.params["diagnostics"].as_array().map_or(0, |d| d.len());
            }
            _ => {}
        }
    }
}

fn did_change(c: &mut Criterion) {
    let text = case_study(7, 4_000, Flavor::Markdown);
    let words = text.split_whitespace().count();
    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || serve(server, Options::default()));
    client
        .sender
        .send(Message::Request(lsp_server::Request::new(
            1.into(),
            "initialize".into(),
            json!({"capabilities": {}}),
        )))
        .unwrap();
    let _ = client
        .receiver
        .recv_timeout(Duration::from_secs(30))
        .unwrap();
    notify(&client, "initialized", json!({}));
    let uri = "untitled:bench.md";
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    published(&client, 1);
    // Two texts in turn, as typing changes the buffer (one character apart).
    let texts = [text.clone(), format!("{text}x")];
    let mut version = 1;
    c.bench_function(&format!("didChange→publishDiagnostics ({words} words)"), |b| {
        b.iter(|| {
            version += 1;
            let t = &texts[version as usize % 2];
            notify(
                &client,
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": t}]}),
            );
            published(&client, version)
        })
    });
    client
        .sender
        .send(Message::Request(lsp_server::Request::new(
            2.into(),
            "shutdown".into(),
            serde_json::Value::Null,
        )))
        .unwrap();
    notify(&client, "exit", serde_json::Value::Null);
    let _ = handle.join();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(40).measurement_time(Duration::from_secs(6));
    targets = did_change
}
criterion_main!(benches);
