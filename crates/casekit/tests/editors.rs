//! The editor setups in docs/editors.md: every JSON and TOML snippet parses, each one
//! starts the server with the command line it really has (`casekit lsp`), and that
//! command line answers `initialize` over standard input and output. With Helix
//! installed, `hx --health markdown` under the documented languages.toml must list
//! casekit and find the binary.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

fn editors_md() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/editors.md");
    std::fs::read_to_string(path).unwrap()
}

/// The fenced code blocks of `text` with the given info string, in order.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match current.as_mut() {
            None if line.trim_start().starts_with("```") => {
                let info = line.trim_start().trim_start_matches('`').trim();
                current = (info == lang).then(String::new);
                if current.is_none() {
                    // Skip to this block's end: an untracked block.
                    current = Some("\u{0}".into());
                }
            }
            Some(body) if line.trim_start().starts_with("```") => {
                if !body.starts_with('\u{0}') {
                    out.push(std::mem::take(body));
                }
                current = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_json_snippets_parse_and_start_casekit_lsp() {
    let json = blocks(&editors_md(), "json");
    assert_eq!(json.len(), 2, "the Zed and VS Code snippets");
    let parsed: Vec<serde_json::Value> = json
        .iter()
        .map(|b| serde_json::from_str(b).unwrap_or_else(|e| panic!("{e}:\n{b}")))
        .collect();
    // Zed: the server named casekit, started as `casekit lsp`, for Markdown.
    let zed = &parsed[0];
    assert_eq!(zed["lsp"]["casekit"]["binary"]["path"], "casekit");
    assert_eq!(
        zed["lsp"]["casekit"]["binary"]["arguments"],
        serde_json::json!(["lsp"])
    );
    let servers = zed["languages"]["Markdown"]["language_servers"]
        .as_array()
        .unwrap();
    assert!(servers.contains(&"casekit".into()));
    // VS Code with the generic client: the same command line, for Markdown and MDX.
    let code = &parsed[1];
    assert_eq!(code["glspc.server.command"], "casekit");
    assert_eq!(
        code["glspc.server.commandArguments"],
        serde_json::json!(["lsp"])
    );
    assert_eq!(
        code["glspc.server.languageId"],
        serde_json::json!(["markdown", "mdx"])
    );
}

#[test]
fn the_helix_snippet_parses_and_starts_casekit_lsp() {
    let toml_blocks = blocks(&editors_md(), "toml");
    assert_eq!(toml_blocks.len(), 1, "the Helix languages.toml");
    let config: toml::Value = toml::from_str(&toml_blocks[0]).unwrap();
    let server = &config["language-server"]["casekit"];
    assert_eq!(server["command"].as_str(), Some("casekit"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &[toml::Value::from("lsp")]
    );
    let markdown = config["language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .expect("a [[language]] for markdown");
    assert!(markdown["language-servers"]
        .as_array()
        .unwrap()
        .contains(&toml::Value::from("casekit")));
}

#[test]
fn the_neovim_snippets_start_casekit_lsp() {
    let lua = blocks(&editors_md(), "lua");
    assert_eq!(lua.len(), 3);
    for b in &lua {
        assert!(b.contains("{ 'casekit', 'lsp' }"), "{b}");
    }
}

/// One LSP message with its header.
fn frame(body: serde_json::Value) -> Vec<u8> {
    let body = body.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn the_documented_command_line_serves_the_protocol() {
    let mut input = Vec::new();
    for m in [
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        input.extend(frame(m));
    }
    let out = Command::cargo_bin("casekit")
        .unwrap()
        .arg("lsp")
        .write_stdin(input)
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("\"capabilities\""), "{out}");
    assert!(out.contains("source.fixAll.casekit"), "{out}");
}

/// Helix is not packaged for the Debian release CI runs on, so CI cannot install it:
/// the check runs where `hx` is installed (or fails without it when
/// CASEKIT_REQUIRE_HELIX is set) and otherwise says it was skipped.
#[test]
fn helix_health_lists_casekit_under_the_documented_config() {
    let hx = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("hx"))
            .find(|p| p.is_file())
    });
    let Some(hx) = hx else {
        if std::env::var_os("CASEKIT_REQUIRE_HELIX").is_some() {
            panic!("hx is not installed and CASEKIT_REQUIRE_HELIX is set");
        }
        eprintln!("skipping the Helix check: hx is not installed (no Debian package for it here)");
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/helix");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("languages.toml"),
        &blocks(&editors_md(), "toml")[0],
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("casekit");
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let out = std::process::Command::new(hx)
        .args(["--health", "markdown"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("PATH", path)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .find(|l| l.contains("casekit"))
        .unwrap_or_else(|| panic!("casekit is not listed:\n{text}"));
    assert!(
        line.contains(&*bin.to_string_lossy()) || line.contains('✓'),
        "{text}"
    );
    assert!(!line.contains("not found"), "{text}");
}
