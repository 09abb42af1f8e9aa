//! The house rules of the source tree, checked on every test run:
//!
//! - the core's top-level modules form layers that only point down: a module may name
//!   modules of lower layers, never one of its own layer or above (so no circles);
//! - no source file of any crate is over 600 lines.
//!
//! The layering check reads the source text: every `crate::NAME` path (in `use` lines
//! and inline), with comments and string literals blanked out, and `super::` paths that
//! climb to the crate root. Names the crate root re-exports (`crate::Document`) count as
//! the module they come from. Test code (`#[cfg(test)] mod …`) may drive the whole
//! pipeline and is not checked.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The core's top-level modules, lowest layer first. Modules on one line are peers: they
/// must not name each other either.
const LAYERS: &[&[&str]] = &[
    // Text in, positions, settings and the two small search helpers.
    &["source", "profile", "re", "search"],
    // Limits on input, and the templates `casekit new` writes (their slots and markers).
    &["limits", "scaffold"],
    // Markdown/MDX structure, the outline and its lookups, prose.
    &["document"],
    // What is read from a document: the Mermaid diagrams, and the measures.
    &["diagram", "measures"],
    // The rules, the engine that runs them and suppressions.
    &["rules"],
    // The rubric reads the rules' report; configuration reads the rules' registry; the
    // fixer runs the rules' fixes to a fixed point.
    &["rubric", "config", "fixpoint"],
    // The one entry point the front ends use.
    &["analysis"],
];

const MAX_LINES: usize = 600;

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `text` with comments and the contents of string and character literals replaced by
/// spaces (line breaks kept, so line numbers hold).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let blank = |out: &mut Vec<u8>, c: u8| out.push(if c == b'\n' { b'\n' } else { b' ' });
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    out.extend(b"  ");
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    out.extend(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
        } else if c == b'r'
            && matches!(b.get(i + 1), Some(b'"' | b'#'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // A raw string: r"…", r#"…"#.
            let hashes = b[i + 1..].iter().take_while(|&&x| x == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = i + 2 + hashes;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| body + p + close.len());
            for &x in &b[i..end] {
                blank(&mut out, x);
            }
            i = end;
        } else if c == b'"' {
            out.push(b' ');
            i += 1;
            while i < b.len() && b[i] != b'"' {
                let step = if b[i] == b'\\' { 2 } else { 1 };
                for &x in &b[i..(i + step).min(b.len())] {
                    blank(&mut out, x);
                }
                i += step;
            }
            out.push(b' ');
            i += 1;
        } else if c == b'\'' {
            // A character literal ('x', '\n', '\u{1F600}'), or a lifetime ('a).
            let len = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..].iter().position(|&x| x == b'\'').map(|p| p + 3)
            } else {
                let ch = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + ch) == Some(&b'\'')).then_some(ch + 2)
            };
            let n = len.unwrap_or(1);
            for &x in &b[i..(i + n).min(b.len())] {
                blank(&mut out, x);
            }
            i += n;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).expect("blanking keeps UTF-8 (only ASCII replaced)")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The crate-root names each path in `code` reaches, with their 1-based lines: what
/// follows `crate::` (each item of a `crate::{…}` group), or a `super::` chain that
/// climbs `depth` levels (a file's depth below the crate root).
fn root_names(code: &str, depth: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut at = 0;
        while let Some(p) = line[at..].find("crate::").map(|p| at + p) {
            at = p + "crate::".len();
            let before = line[..p].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue; // `casekit_crate::` or similar, not the keyword
            }
            push_names(&line[at..], n + 1, &mut out);
        }
        if depth > 0 {
            let chain = "super::".repeat(depth);
            let mut at = 0;
            while let Some(p) = line[at..].find(&chain).map(|p| at + p) {
                at = p + chain.len();
                let before = line[..p].chars().next_back();
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                push_names(&line[at..], n + 1, &mut out);
            }
        }
    }
    out
}

fn push_names(rest: &str, line: usize, out: &mut Vec<(usize, String)>) {
    if let Some(group) = rest.strip_prefix('{') {
        // Top-level items of the group: split on commas outside nested braces.
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    push_names(group[start..i].trim_start(), line, out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    push_names(group[start..i].trim_start(), line, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let name = ident_at(rest);
    if !name.is_empty() && name != "self" {
        out.push((line, name.to_string()));
    }
}

/// What the crate root declares: its modules, and the names it re-exports or exports as
/// macros, each mapped to the module it comes from.
struct Root {
    modules: Vec<String>,
    names: HashMap<String, String>,
}

fn read_root(src: &Path, files: &[PathBuf]) -> Root {
    let lib = code_only(&fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let mut modules = Vec::new();
    let mut names = HashMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.split_whitespace().collect::<Vec<_>>().join(" ");
        // What follows a function body's closing brace, without attributes.
        let stmt = match stmt.rfind('}') {
            Some(i) if !stmt[..i].contains("use ") => &stmt[i + 1..],
            _ => stmt.as_str(),
        };
        let stmt = stmt.rsplit(']').next().unwrap_or(stmt).trim();
        let stmt = stmt.trim_start_matches("pub ").trim();
        if let Some(m) = stmt.strip_prefix("mod ") {
            modules.push(m.trim().to_string());
        } else if let Some(u) = stmt.strip_prefix("use ") {
            let (module, rest) = u.split_once("::").unwrap_or((u, ""));
            let items: Vec<&str> = match rest.strip_prefix('{') {
                Some(g) => g.trim_end_matches('}').split(',').collect(),
                None => vec![rest],
            };
            for item in items {
                let item = item.trim();
                let last = item.rsplit("::").next().unwrap_or(item);
                let name = last.split(" as ").last().unwrap_or(last).trim();
                if !name.is_empty() {
                    names.insert(name.to_string(), module.trim().to_string());
                }
            }
        }
    }
    for f in files {
        let text = fs::read_to_string(f).expect("source file");
        let mut exported = false;
        for line in text.lines() {
            let t = line.trim();
            if t == "#[macro_export]" {
                exported = true;
            } else if let Some(m) = t.strip_prefix("macro_rules!").filter(|_| exported) {
                names.insert(ident_at(m.trim()).to_string(), top_module(src, f));
                exported = false;
            }
        }
    }
    Root { modules, names }
}

/// The top-level module a file belongs to (`document` for src/document/prose.rs).
fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file under src");
    let first = rel.components().next().expect("non-empty path");
    let first = first.as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// How many `super::` reach the crate root from a file: src/x.rs and src/m/mod.rs are
/// one level down, src/m/x.rs two.
fn depth_of(src: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(src).expect("file under src");
    let n = rel.components().count();
    if rel.file_name().is_some_and(|f| f == "mod.rs") {
        n - 1
    } else {
        n
    }
}

/// Files that are test modules (`#[cfg(test)] mod NAME;`), and `code` with inline test
/// modules (`#[cfg(test)] mod NAME { … }`) blanked.
fn strip_tests(file: &Path, code: &str, test_files: &mut Vec<PathBuf>) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t == "#[cfg(test)]" {
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim().starts_with("#[") {
                j += 1;
            }
            let item = lines.get(j).map_or("", |l| l.trim());
            let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
            if let Some(rest) = item.strip_prefix("mod ") {
                let name = ident_at(rest);
                if rest.trim_end().ends_with(';') {
                    let dir = if file
                        .file_name()
                        .is_some_and(|f| f == "mod.rs" || f == "lib.rs")
                    {
                        file.parent().expect("parent").to_path_buf()
                    } else {
                        file.with_extension("")
                    };
                    test_files.push(dir.join(format!("{name}.rs")));
                    test_files.push(dir.join(name).join("mod.rs"));
                } else {
                    // Blank to the closing brace at the item's own indentation.
                    let indent = lines[j].len() - lines[j].trim_start().len();
                    let close = format!("{}}}", " ".repeat(indent));
                    let mut k = j;
                    while k < lines.len() && lines[k] != close {
                        k += 1;
                    }
                    out.extend(std::iter::repeat_n(String::new(), k + 1 - i));
                    i = k + 1;
                    continue;
                }
            }
        }
        out.push(lines[i].to_string());
        i += 1;
    }
    out.join("\n")
}

/// Every place a module names a module of its own layer or above, as `file:line`
/// messages. `files` are (path, text) pairs under `src`.
fn violations(src: &Path, files: &[(PathBuf, String)], root: &Root) -> Vec<String> {
    let layer_of = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut test_files = Vec::new();
    let mut stripped = Vec::new();
    for (path, text) in files {
        let code = strip_tests(path, &code_only(text), &mut test_files);
        stripped.push((path, code));
    }
    let mut found = Vec::new();
    for (path, code) in stripped {
        if path.ends_with("lib.rs") || test_files.iter().any(|t| t == path) {
            continue;
        }
        let from = top_module(src, path);
        let Some(from_layer) = layer_of(&from) else {
            found.push(format!(
                "{}: module `{from}` is in no layer",
                path.display()
            ));
            continue;
        };
        for (line, name) in root_names(&code, depth_of(src, path)) {
            let to = if root.modules.contains(&name) {
                name.clone()
            } else if let Some(m) = root.names.get(&name) {
                m.clone()
            } else {
                continue; // an item the root defines itself
            };
            if to == from {
                continue;
            }
            let Some(to_layer) = layer_of(&to) else {
                continue; // reported once, for its own files
            };
            if to_layer >= from_layer {
                let how = if to_layer == from_layer {
                    "its peer"
                } else {
                    "a higher layer"
                };
                found.push(format!(
                    "{}:{line}: `{from}` (layer {from_layer}) names `crate::{name}`, {how} `{to}` (layer {to_layer})",
                    path.display()
                ));
            }
        }
    }
    found
}

#[test]
fn core_modules_only_point_down() {
    let src = core_src();
    let mut paths = Vec::new();
    rs_files(&src, &mut paths);
    let root = read_root(&src, &paths);
    for m in &root.modules {
        assert!(
            LAYERS.iter().any(|l| l.contains(&m.as_str())),
            "lib.rs declares `{m}`, which tests/layers.rs places in no layer"
        );
    }
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .map(|p| {
            let t = fs::read_to_string(&p).expect("source file");
            (p, t)
        })
        .collect();
    let found = violations(&src, &files, &root);
    assert!(
        found.is_empty(),
        "a lower layer names a higher one (or a peer):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_an_upward_reference() {
    // The scanner itself, on a made-up crate: document reaching up into the rules, in a
    // grouped import, an inline path, a root re-export and a `super::` climb, while a
    // comment, a string and a test module that do the same are ignored.
    let src = PathBuf::from("/virtual/src");
    let root = Root {
        modules: vec!["document".into(), "rules".into(), "source".into()],
        names: HashMap::from([("check".to_string(), "rules".to_string())]),
    };
    let doc = "use crate::{source::Span, rules::util};\n\
               // crate::rules::x in a comment\n\
               fn f() { let _ = \"crate::rules\"; crate::check(); }\n\
               fn g() { super::super::rules::find(); }\n\
               #[cfg(test)]\n\
               mod tests {\n    use crate::rules::check;\n}\n";
    let files = vec![
        (src.join("document/prose.rs"), doc.to_string()),
        (
            src.join("rules/mod.rs"),
            "use crate::document::Document;\n".into(),
        ),
    ];
    let found = violations(&src, &files, &root);
    let lines: Vec<&str> = found
        .iter()
        .map(|f| f.split(": ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        lines,
        [
            "/virtual/src/document/prose.rs:1",
            "/virtual/src/document/prose.rs:3",
            "/virtual/src/document/prose.rs:4"
        ],
        "{found:#?}"
    );
    assert!(found[0].contains("`crate::rules`, a higher layer `rules`"));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates/")
        .to_path_buf();
    let mut paths = Vec::new();
    for entry in fs::read_dir(&crates).expect("crates/") {
        let src = entry.expect("crate entry").path().join("src");
        if src.is_dir() {
            rs_files(&src, &mut paths);
        }
    }
    assert!(paths.len() > 50, "found only {} source files", paths.len());
    let mut long: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            let n = fs::read_to_string(p).expect("source file").lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", p.display()))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them by what they hold):\n{}",
        long.join("\n")
    );
}
