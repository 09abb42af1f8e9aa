#!/usr/bin/env bash
# Runs one fuzz target at low priority: ./run.sh TARGET SECONDS [extra libFuzzer flags].
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On the stable toolchain the build has no
# sanitizer (`-s none`): casekit's own code has no `unsafe`, so what fuzzing looks for is
# panics, overflows (debug assertions are on), hangs and memory blow-ups.
# Crashes land in artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
secs=${2:-1800}
shift 2 || true
mkdir -p "corpus/$target" "artifacts/$target"
exec nice -n 19 cargo fuzz run -O -a -s none "$target" "corpus/$target" -- \
  -max_total_time="$secs" -max_len=16384 -timeout=300 -rss_limit_mb=4096 \
  -print_final_stats=1 "$@"
