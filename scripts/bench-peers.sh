#!/usr/bin/env bash
# Benchmarks casekit against the tools a writer would otherwise run on the same
# documents, and against the bare Markdown parse, then writes the results into
# BENCHMARKS.md (between the `bench-peers` markers; the rest of the file is prose kept
# by hand).
#
#   scripts/bench-peers.sh            # everything (installs peers on first run)
#   SKIP_CRITERION=1 scripts/bench-peers.sh   # reuse the last criterion results
#   BASELINE=/path/to/older/casekit scripts/bench-peers.sh   # also time an older build
#
# Not part of CI: it installs tools, needs the network the first time, and takes about
# half an hour. Everything it installs goes into .bench/ (gitignored):
#   .bench/npm     markdownlint-cli2 and textlint with two English rules (npm)
#   .bench/cargo   rumdl (cargo install --locked)
#   .bench/venv    proselint (pip, in a virtual environment)
# hyperfine and GNU time come from apt when missing.
#
# Measure on a quiet machine: the script records the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/.bench
mkdir -p "$B"

# Pinned peers. Change a version here and the next run reinstalls it.
MARKDOWNLINT_CLI2=0.24.1
TEXTLINT=15.8.0
TEXTLINT_WRITE_GOOD=2.0.0
TEXTLINT_TERMINOLOGY=5.2.16
RUMDL=0.3.2
PROSELINT=0.16.0

RUNS=${RUNS:-10}       # hyperfine runs on the N documents (casekit, rumdl)
SLOW_RUNS=${SLOW_RUNS:-3}  # ... for the tools that take a minute or more per pass
SEED=${SEED:-1}
N=${N:-1000}           # documents in the many-files corpus (a smaller N for a dry run)
log() { printf '\n== %s\n' "$*" >&2; }

# ------------------------------------------------------------------ tools
apt_install() {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@"; else sudo apt-get update -qq && sudo apt-get install -y -qq "$@"; fi
}
command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine; }
[ -x /usr/bin/time ] || { log "installing GNU time"; apt_install time; }

if [ ! -f "$B/npm/.installed-$MARKDOWNLINT_CLI2-$TEXTLINT-$TEXTLINT_WRITE_GOOD-$TEXTLINT_TERMINOLOGY" ]; then
  log "installing markdownlint-cli2 $MARKDOWNLINT_CLI2 and textlint $TEXTLINT"
  rm -rf "$B/npm" && mkdir -p "$B/npm"
  cat >"$B/npm/package.json" <<EOF
{"private": true, "dependencies": {
  "markdownlint-cli2": "$MARKDOWNLINT_CLI2",
  "textlint": "$TEXTLINT",
  "textlint-rule-write-good": "$TEXTLINT_WRITE_GOOD",
  "textlint-rule-terminology": "$TEXTLINT_TERMINOLOGY"}}
EOF
  (cd "$B/npm" && npm install --no-audit --no-fund --loglevel=error)
  touch "$B/npm/.installed-$MARKDOWNLINT_CLI2-$TEXTLINT-$TEXTLINT_WRITE_GOOD-$TEXTLINT_TERMINOLOGY"
fi
# textlint does nothing without rules: two common English ones.
echo '{"rules": {"write-good": true, "terminology": true}}' >"$B/npm/.textlintrc.json"

if ! "$B/cargo/bin/rumdl" --version 2>/dev/null | grep -q "$RUMDL"; then
  log "installing rumdl $RUMDL"
  cargo install --locked --root "$B/cargo" "rumdl@$RUMDL"
fi

if ! "$B/venv/bin/proselint" version 2>/dev/null | grep -q "$PROSELINT"; then
  log "installing proselint $PROSELINT"
  python3 -m venv "$B/venv"
  "$B/venv/bin/pip" install -q "proselint==$PROSELINT"
fi

# ------------------------------------------------------------------ casekit and corpora
log "building casekit (release)"
cargo build --release --locked -p casekit -p casekit-gen
CK=$ROOT/target/release/casekit
GEN=$ROOT/target/release/casekit-gen

# Markdown only, so every tool reads the same files (MDX is measured in-process).
[ -d "$B/corpus-$N" ] || "$GEN" "$B/corpus-$N" "$N" "$SEED" --md-only
# The memory test: the generator's usual mix, a quarter of it MDX.
[ -d "$B/corpus-10000" ] || "$GEN" "$B/corpus-10000" 10000 "$SEED"
# One document of 4,000 words for the process start-to-exit timings.
[ -d "$B/one" ] || "$GEN" "$B/one" 1 42 --md-only --words 4000
ONE=$B/one/case-00000.md

MDL="$B/npm/node_modules/.bin/markdownlint-cli2"
TXL="$B/npm/node_modules/.bin/textlint"
RUM="$B/cargo/bin/rumdl"
PRO="$B/venv/bin/proselint"

# Each tool's command on a folder ($1) and on one file ($2). Findings make most of them
# exit non-zero, so hyperfine ignores exit codes (-i).
cmd_dir() {
  case $1 in
    casekit) echo "$CK check --no-config $2" ;;
    markdownlint-cli2) echo "cd $2 && $MDL \"**/*.md\"" ;;
    textlint) echo "cd $B/npm && $TXL --config .textlintrc.json $2" ;;
    rumdl) echo "$RUM check --no-cache --no-config $2" ;;
    proselint) echo "$PRO check $2" ;;
  esac
}
cmd_one() {
  case $1 in
    casekit) echo "$CK check --no-config $2" ;;
    markdownlint-cli2) echo "$MDL $2" ;;
    textlint) echo "cd $B/npm && $TXL --config .textlintrc.json $2" ;;
    rumdl) echo "$RUM check --no-cache --no-config $2" ;;
    proselint) echo "$PRO check $2" ;;
  esac
}
TOOLS="casekit rumdl markdownlint-cli2 textlint proselint"

load() { cut -d' ' -f1-3 /proc/loadavg; }
OUT=$B/results
rm -rf "$OUT" && mkdir -p "$OUT"
LOAD_BEFORE=$(load)

# ------------------------------------------------------------------ criterion
if [ -z "${SKIP_CRITERION:-}" ]; then
  log "criterion benchmarks (in-process parse and check)"
  cargo bench -p casekit-core --bench check -- --warm-up-time 2 --measurement-time 5 >"$OUT/criterion.txt" 2>&1
fi

# ------------------------------------------------------------------ many documents
for t in $TOOLS; do
  runs=$RUNS
  case $t in markdownlint-cli2 | textlint | proselint) runs=$SLOW_RUNS ;; esac
  log "$N documents: $t"
  hyperfine -i --warmup 1 --runs "$runs" --export-json "$OUT/many-$t.json" -n "$t" "$(cmd_dir "$t" "$B/corpus-$N")" >&2
done
if [ -n "${BASELINE:-}" ]; then
  log "$N documents: baseline casekit ($BASELINE)"
  hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$OUT/many-baseline.json" -n baseline "$BASELINE check --no-config $B/corpus-$N" >&2
  hyperfine -i --warmup 3 --runs 20 --export-json "$OUT/one-baseline.json" -n baseline "$BASELINE check --no-config $ONE" >&2
  /usr/bin/time -v -o "$OUT/rss-baseline-10000.txt" "$BASELINE" check --no-config "$B/corpus-10000" >/dev/null 2>&1 || true
  echo "baseline=$BASELINE" >"$OUT/baseline.txt"
fi
log "$N documents: casekit on one thread"
RAYON_NUM_THREADS=1 hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$OUT/many-casekit-1thread.json" \
  -n casekit-1-thread "$(cmd_dir casekit "$B/corpus-$N")" >&2

# ------------------------------------------------------------------ one document
for t in $TOOLS; do
  log "one document: $t"
  hyperfine -i --warmup 3 --runs 20 --export-json "$OUT/one-$t.json" -n "$t" "$(cmd_one "$t" "$ONE")" >&2
done

# ------------------------------------------------------------------ peak memory
rss() { # tool label command...
  local label=$1
  shift
  /usr/bin/time -v -o "$OUT/rss-$label.txt" bash -c "$*" >/dev/null 2>&1 || true
}
for t in $TOOLS; do
  log "peak RSS on $N documents: $t"
  rss "$t" "$(cmd_dir "$t" "$B/corpus-$N")"
done
log "peak RSS: casekit on 10,000 documents"
rss casekit-10000 "$(cmd_dir casekit "$B/corpus-10000")"
rss casekit-10000-json "$CK check --no-config --format json $B/corpus-10000"

LOAD_AFTER=$(load)

# ------------------------------------------------------------------ versions and machine
{
  echo "casekit $("$CK" --version | awk '{print $2}') ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', uncommitted changes'))"
  echo "rumdl $("$RUM" --version | awk '{print $2}')"
  echo "markdownlint-cli2 $MARKDOWNLINT_CLI2 (markdownlint $(node -p "require('$B/npm/node_modules/markdownlint/package.json').version"))"
  echo "textlint $TEXTLINT with textlint-rule-write-good $TEXTLINT_WRITE_GOOD and textlint-rule-terminology $TEXTLINT_TERMINOLOGY"
  echo "proselint $PROSELINT (Python $(python3 -c 'import platform; print(platform.python_version())'))"
  echo "hyperfine $(hyperfine --version | awk '{print $2}'), node $(node --version), $(rustc --version | cut -d' ' -f1-2)"
} >"$OUT/versions.txt"
{
  echo "cpus=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "mem=$(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "kernel=$(uname -r)"
  echo "load_before=$LOAD_BEFORE"
  echo "load_after=$LOAD_AFTER"
  echo "n=$N"
  echo "corpus_many=$(cat "$B/corpus-$N"/*.md | wc -w) words, $(du -sb "$B/corpus-$N" | cut -f1) bytes"
  echo "corpus_10000=$(ls "$B/corpus-10000" | wc -l) files ($(ls "$B/corpus-10000" | grep -c '\.mdx$') MDX), $(du -sb "$B/corpus-10000" | cut -f1) bytes"
  echo "one=$(wc -w <"$ONE") words, $(wc -c <"$ONE") bytes"
} >"$OUT/machine.txt"
for t in $TOOLS; do
  echo "$t|$(cmd_dir "$t" "$B/corpus-$N" | sed "s|$ROOT|\$ROOT|g")|$(cmd_one "$t" "$ONE" | sed "s|$ROOT|\$ROOT|g")"
done >"$OUT/commands.txt"

# ------------------------------------------------------------------ BENCHMARKS.md
python3 scripts/bench-report.py "$OUT" BENCHMARKS.md
log "wrote BENCHMARKS.md (load before: $LOAD_BEFORE, after: $LOAD_AFTER)"
