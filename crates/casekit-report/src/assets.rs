//! The page's own style sheet and script, and the Content-Security-Policy that allows
//! exactly them (by SHA-256 hash) and nothing else.

use base64::Engine;
use sha2::{Digest, Sha256};

const STYLE: &str = include_str!("style.css");

/// What the blocks added while rendering: diagram style sheets, and the `style`
/// attribute values the drawn diagrams carry (allowed one by one, by hash).
#[derive(Default)]
pub struct Assets {
    pub css: String,
    pub style_attrs: Vec<String>,
}

impl Assets {
    pub fn stylesheet(&mut self) -> String {
        let mut s = String::with_capacity(STYLE.len() + self.css.len());
        s.push_str(STYLE);
        s.push_str(&self.css);
        s
    }

    pub fn csp(&mut self, css: &str, script: Option<&str>) -> String {
        let mut style = format!("style-src '{}'", hash(css));
        self.style_attrs.sort();
        self.style_attrs.dedup();
        if !self.style_attrs.is_empty() {
            style.push_str(" 'unsafe-hashes'");
            for v in &self.style_attrs {
                style.push_str(&format!(" '{}'", hash(v)));
            }
        }
        let (script, connect) = match script {
            Some(s) => (format!("script-src '{}'", hash(s)), "connect-src 'self'"),
            None => ("script-src 'none'".to_string(), "connect-src 'none'"),
        };
        format!(
            "default-src 'none'; {style}; {script}; {connect}; img-src 'self' data:; \
             base-uri 'none'; form-action 'none'"
        )
    }
}

/// `sha256-…` as a CSP source expression takes it.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The live-reload script: reload the page on each `reload` event from `url`. The URL
/// is written as a JSON string, so no text of it can end the script.
pub fn reload_script(url: &str) -> String {
    let quoted = serde_json_string(url);
    format!(
        "(function(){{var s=new EventSource({quoted});\
         s.addEventListener('reload',function(){{location.reload();}});}})();"
    )
}

fn serde_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_alphanumeric() || "/:._-?=&%".contains(c) => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}
