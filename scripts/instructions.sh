#!/usr/bin/env bash
# Counts instructions (valgrind's callgrind) for the two costs the benchmarks track:
#   per document — parse + check of the generated 4,000-word case study, steady state
#                  (the difference between 11 and 1 iterations of the profiling loop, / 10);
#   per process  — `casekit check` of that document from process start to exit.
# Instruction counts are stable on a busy machine, unlike times, so this is the number to
# compare before and after a change. Usage: scripts/instructions.sh [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
if [[ "${1:-}" == "--keep" ]]; then keep="${2:?--keep needs a directory}"; mkdir -p "$keep"; fi
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
bin="${CARGO_TARGET_DIR:-target}/release"
cargo build --release -q --example profile_parse -p casekit-core
cargo build --release -q -p casekit -p casekit-gen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() { # callgrind's total for a command
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" "${@:2}" >/dev/null 2>"$out/log.$1"
  grep -o 'Collected : [0-9]*' "$out/log.$1" | awk '{print $3}'
}
one=$(count one "$bin"/examples/profile_parse 1)
eleven=$(count eleven "$bin"/examples/profile_parse 11)
"$bin"/casekit-gen "$out/doc" 1 42 --md-only --words 4000 >/dev/null
doc=$(ls "$out"/doc/*.md)
# One thread: with more, a second thread warms the patterns up and how far it gets
# before the process ends varies from run to run.
process=$(RAYON_NUM_THREADS=1 count process "$bin"/casekit check --format json "$doc" || true)
[[ -n "$keep" ]] && cp "$out"/cg.* "$keep"/
awk -v a="$one" -v b="$eleven" -v p="$process" 'BEGIN {
  printf "per document (parse + check, 4,000 words): %.2f M instructions\n", (b - a) / 10 / 1e6
  printf "one document as a process (casekit check, 1 thread): %.1f M instructions\n", p / 1e6
}'
