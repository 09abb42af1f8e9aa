#!/usr/bin/env bash
# Checks that a change left casekit's answers alone: runs two builds on the real corpus,
# 300 generated documents (.md and .mdx) and the bundled example, and compares `check`
# JSON, `score` JSON and SARIF byte for byte. Prints SAME, or the first differences and
# exits 1. For performance work, where the output must not move.
#   scripts/same-output.sh OLD_CASEKIT NEW_CASEKIT [CORPUS_DIR=../shared/corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: same-output.sh OLD_CASEKIT NEW_CASEKIT [CORPUS_DIR]}
new=${2:?usage: same-output.sh OLD_CASEKIT NEW_CASEKIT [CORPUS_DIR]}
# The corpus sits beside the main checkout; a worktree elsewhere must name it.
corpus=${3:-../shared/corpus}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release -q -p casekit-gen -- "$work/gen" 300 7 >/dev/null
sets=("$work/gen" examples)
if [[ -d "$corpus" ]]; then
  sets+=("$corpus")
else
  echo "warning: no corpus at $corpus; comparing generated documents and the example only" >&2
fi
status=0
for args in "check --format json" "score --format json" "check --format sarif"; do
  for set in "${sets[@]}"; do
    # shellcheck disable=SC2086 # the arguments are meant to split
    "$old" $args "$set" >"$work/old" 2>&1 || true
    # shellcheck disable=SC2086
    "$new" $args "$set" >"$work/new" 2>&1 || true
    if ! cmp -s "$work/old" "$work/new"; then
      echo "DIFF: $args $set"
      diff "$work/old" "$work/new" | head -20 || true
      status=1
    fi
  done
done
[[ $status == 0 ]] && echo "SAME: check JSON, score JSON and SARIF on ${sets[*]}"
exit $status
