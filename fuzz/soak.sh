#!/usr/bin/env bash
# Fuzzes one target until it has had CPU_SECONDS of CPU time (not wall time), in chunks
# of at most ten minutes at low priority, so a busy machine lengthens the run instead of
# shortening the fuzzing. Stops at the first crash. The log, with each chunk's CPU time
# and libFuzzer's final stats, goes to logs/TARGET.log.
#   ./soak.sh TARGET [CPU_SECONDS=1800]
set -euo pipefail
cd "$(dirname "$0")"
target=$1
budget=${2:-1800}
bin=target/x86_64-unknown-linux-gnu/release/$target
[ -x "$bin" ] || { echo "soak: $bin is not built (cargo fuzz build -O -a -s none)" >&2; exit 2; }
mkdir -p logs "corpus/$target" "artifacts/$target"
log=logs/$target.log
spent=0
echo "# $target: $(date -u +%FT%TZ) budget ${budget}s CPU, commit $(git rev-parse --short HEAD)" >>"$log"
while [ "$spent" -lt "$budget" ]; do
  left=$((budget - spent))
  chunk=$((left < 600 ? left : 600))
  [ "$chunk" -lt 30 ] && chunk=30
  status=0
  # The built binary, not `cargo fuzz run`, so a rebuild is never counted as fuzzing;
  # build first with `cargo fuzz build -O -a -s none`.
  /usr/bin/time -f 'cpu %U %S' -o "logs/$target.time" nice -n 19 "$bin" "corpus/$target" \
    -artifact_prefix="artifacts/$target/" -max_total_time="$chunk" -max_len=16384 -timeout=300 \
    -rss_limit_mb=4096 -print_final_stats=1 >>"$log" 2>&1 || status=$?
  cpu=$(awk '/^cpu/ {printf "%d", $2 + $3}' "logs/$target.time")
  spent=$((spent + cpu))
  echo "# chunk: ${chunk}s wall, ${cpu}s CPU, total ${spent}s CPU, exit $status" >>"$log"
  if [ "$status" -ne 0 ]; then
    echo "# $target: stopped on a finding (exit $status); see artifacts/$target/" >>"$log"
    exit "$status"
  fi
done
echo "# $target: done, ${spent}s CPU $(date -u +%FT%TZ)" >>"$log"
