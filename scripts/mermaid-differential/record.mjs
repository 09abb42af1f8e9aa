// Records the official Mermaid parser's verdict (accepts / rejects) for every diagram in
// casekit's Mermaid test set, so a Rust test can compare casekit's verdicts without node.
//
//   cd scripts/mermaid-differential && npm install && node record.mjs
//
// Writes crates/casekit-core/tests/fixtures/mermaid/verdicts.json.
import { JSDOM } from "jsdom";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const fixtures = join(root, "crates", "casekit-core", "tests", "fixtures", "mermaid");
const require = createRequire(import.meta.url);

// Mermaid expects a browser: give it jsdom's window, document and DOMParser.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
globalThis.HTMLElement = dom.window.HTMLElement;
globalThis.SVGElement = dom.window.SVGElement;
globalThis.Option = dom.window.Option; // `box` colours are checked with `new Option()`
if (!("navigator" in globalThis)) globalThis.navigator = dom.window.navigator;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const verdicts = {};
for (const group of ["valid", "invalid"]) {
  const dir = join(fixtures, group);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".mmd")).sort()) {
    const text = readFileSync(join(dir, name), "utf8");
    const key = `${group}/${name}`;
    try {
      await mermaid.parse(text);
      verdicts[key] = { accepts: true };
    } catch (e) {
      const first = String(e?.message ?? e).split("\n").slice(0, 4).join(" | ").slice(0, 400);
      verdicts[key] = { accepts: false, message: first };
    }
  }
}

const out = {
  recorded: new Date().toISOString().slice(0, 10),
  mermaid: require("mermaid/package.json").version,
  jsdom: require("jsdom/package.json").version,
  node: process.version,
  verdicts,
};
writeFileSync(join(fixtures, "verdicts.json"), JSON.stringify(out, null, 2) + "\n");
const total = Object.keys(verdicts).length;
const accepted = Object.values(verdicts).filter((v) => v.accepts).length;
console.log(`recorded ${total} verdicts (${accepted} accepted, ${total - accepted} rejected)`);
