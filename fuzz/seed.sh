#!/usr/bin/env bash
# Seeds each fuzz target's corpus with the repository's fixtures (and, when given, a
# directory of real case studies). Files are named by a hash of their content, so the
# same seed is never added twice. The corpora stay out of git.
set -euo pipefail
cd "$(dirname "$0")"
extra=${1:-}
seeds() {
  find ../crates/casekit-core/tests/fixtures -type f \( -name '*.md' -o -name '*.mdx' \)
  if [ -n "$extra" ]; then find "$extra" -maxdepth 1 -type f -name '*.md'; fi
}
for target in parse check check_mdx score; do
  mkdir -p "corpus/$target"
  seeds | while read -r f; do
    cp "$f" "corpus/$target/seed-$(sha1sum "$f" | cut -c1-16)"
  done
done
