#!/usr/bin/env bash
# The cost of `casekit grade` on a generated cohort, beside `casekit score --format json`
# on the same files: wall time (hyperfine) and peak memory (GNU time). Prints a Markdown
# table for BENCHMARKS.md ("Grading a cohort").
#
# The generator repeats a handful of diagrams, and a page draws a diagram it has drawn
# before from memory; so the same set is measured again with every diagram made unique
# (one extra node or note naming its document), the cost of a cohort that shares none.
#
#   scripts/bench-grade.sh            # 10,000 documents, 3 runs each
#   N=1000 RUNS=5 scripts/bench-grade.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
B=$PWD/.bench/grade
apt_install() {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@"; else sudo apt-get update -qq && sudo apt-get install -y -qq "$@"; fi
}
command -v hyperfine >/dev/null || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time

cargo build --release -q -p casekit -p casekit-gen
T=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$T/release/casekit
DOCS=$B/docs-$N-$SEED
if [ ! -d "$DOCS" ]; then
  mkdir -p "$DOCS"
  "$T/release/casekit-gen" "$DOCS" "$N" "$SEED" >/dev/null
fi
UNIQUE=$DOCS-unique
if [ ! -d "$UNIQUE" ]; then
  mkdir -p "$UNIQUE"
  python3 - "$DOCS" "$UNIQUE" <<'PY'
import os, re, sys
src, dst = sys.argv[1:]
for i, name in enumerate(sorted(os.listdir(src))):
    text = open(os.path.join(src, name), encoding="utf-8").read()
    def unique(m, i=i):
        head, rest = m.group(1).split("\n", 1)
        kind = head.split()[0] if head.split() else ""
        extra = {"sequenceDiagram": f"    Note over U{i}: document {i}",
                 "erDiagram": f"    U{i} {{ string id }}"}.get(kind, f"    U{i}[document {i}]")
        return "```mermaid\n" + head + "\n" + extra + "\n" + rest + "```"
    text = re.sub(r"```mermaid\n(.*?)```", unique, text, flags=re.S)
    open(os.path.join(dst, name), "w", encoding="utf-8").write(text)
PY
fi
OUT=$B/out-$N-$SEED
rm -rf "$OUT" "$OUT-bare" "$OUT-unique"
count=$(find "$DOCS" -name '*.md' -o -name '*.mdx' | wc -l)

peak() { # peak resident set in MB of a command
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ {printf "%.0f", $6/1024}'
}
score_mb=$(peak "$BIN" score --format json "$DOCS")
grade_mb=$(peak "$BIN" grade --quiet -o "$OUT" "$DOCS")
bare_mb=$(peak "$BIN" grade --quiet --no-pages -o "$OUT-bare" "$DOCS")

uscore_mb=$(peak "$BIN" score --format json "$UNIQUE")
ugrade_mb=$(peak "$BIN" grade --quiet -o "$OUT-unique" "$UNIQUE")

hyperfine -i -N --warmup 1 --runs "$RUNS" --export-json "$B/times.json" \
  "$BIN score --format json $DOCS" \
  "$BIN grade --quiet -o $OUT $DOCS" \
  "$BIN grade --quiet --no-pages -o $OUT-bare $DOCS" \
  "$BIN score --format json $UNIQUE" \
  "$BIN grade --quiet -o $OUT-unique $UNIQUE" >&2

read -r score_s grade_s bare_s uscore_s ugrade_s < <(python3 -c '
import json,sys
r=json.load(open(sys.argv[1]))["results"]
print(*(x["mean"] for x in r))' "$B/times.json")
csv_kb=$(( $(stat -c %s "$OUT/grades.csv") / 1024 ))
json_kb=$(( $(stat -c %s "$OUT/grades.json") / 1024 ))
html_kb=$(( $(stat -c %s "$OUT/index.html") / 1024 ))
ratio=$(python3 -c "print(f'{$grade_s/$score_s:.2f}')")
bare_ratio=$(python3 -c "print(f'{$bare_s/$score_s:.2f}')")
uratio=$(python3 -c "print(f'{$ugrade_s/$uscore_s:.2f}')")
pages_mb=$(( $(du -sk "$OUT/pages" | cut -f1) / 1024 ))

echo "$count generated documents (casekit-gen, seed $SEED), $(nproc) cores, mean of $RUNS runs:"
echo
echo "| command | wall time | peak memory |"
echo "|---|---|---|"
printf '| `casekit score --format json DIR` | %.2f s | %s MB |\n' "$score_s" "$score_mb"
printf '| `casekit grade -o OUT DIR` (with a report page per document) | %.2f s (%s× score) | %s MB |\n' "$grade_s" "$ratio" "$grade_mb"
printf '| `casekit grade --no-pages -o OUT DIR` | %.2f s (%s× score) | %s MB |\n' "$bare_s" "$bare_ratio" "$bare_mb"
printf '| `casekit score --format json DIR`, every diagram unique | %.2f s | %s MB |\n' "$uscore_s" "$uscore_mb"
printf '| `casekit grade -o OUT DIR`, every diagram unique | %.2f s (%s× score) | %s MB |\n' "$ugrade_s" "$uratio" "$ugrade_mb"
echo
echo "Written: grades.csv ${csv_kb} KB, grades.json ${json_kb} KB, index.html ${html_kb} KB, pages/ ${pages_mb} MB."
