#!/usr/bin/env python3
"""How well casekit's score agrees with expert graders.

Reads a grades table (one row per document and grader: file, grader, clarity, depth,
architecture, evidence, total, level, note), scores the same documents with casekit, and
reports:

- Spearman's rho between casekit's total and the graders' mean total (the ranking), with
  the graders' agreement with each other as the ceiling to compare against;
- the same rho for two naive baselines (word count, guide sections found), which a useful
  score has to beat;
- level agreement: how often casekit's level (Excellent / Acceptable / Needs Work) is the
  level of the graders' mean total;
- per criterion, rho between casekit's criterion score and the graders' mean;
- the largest disagreements, so a reader can look at them one by one;
- leave-one-out: the one rubric setting chosen from grades (`rubric.best_of.evidence`,
  how much of Evidence goes by the strongest kind of evidence) is re-chosen on the other
  documents for each document in turn, and that document is scored with it. The
  leave-one-out figures are the ones to quote.

Usage: scripts/validity.py [--grades TSV] [--corpus DIR] [--casekit BIN] [--json]
Defaults are ../shared/grades/visible.tsv and ../shared/corpus, relative to the
repository root, and target/release/casekit (else target/debug/casekit).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRITERIA = ["clarity", "depth", "architecture", "evidence"]


def ranks(xs):
    """Average ranks (ties share the mean of their positions), 1-based."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    if len(xs) < 3:
        return float("nan")
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return float("nan")
    return cov / (vx * vy) ** 0.5


def level(total):
    if total >= 70:
        return "excellent"
    if total >= 40:
        return "acceptable"
    return "needs_work"


def read_grades(path):
    by_file = defaultdict(dict)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            g = {c: float(row[c]) for c in CRITERIA}
            g["total"] = float(row["total"])
            by_file[row["file"]][row["grader"]] = g
    return by_file


def casekit_bin(arg):
    if arg:
        return arg
    for kind in ("release", "debug"):
        p = os.path.join(ROOT, "target", kind, "casekit")
        if os.path.exists(p):
            return p
    sys.exit("validity: no casekit binary; build one (cargo build --release) or pass --casekit")


def run_json(cmd):
    # casekit exits 1 when it finds problems; only 2 (bad input) is an error here.
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"validity: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    return json.loads(p.stdout)


GRID = [0.0, 0.25, 0.5, 0.75, 1.0]


def score_all(bin_, paths, best=None):
    """{basename: file entry of `casekit score --format json`} under a best_of.evidence value."""
    cmd = [bin_, "score", "--no-config", "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        if best is not None:
            prof = os.path.join(tmp, "variant.toml")
            with open(prof, "w", encoding="utf-8") as f:
                f.write(f"[rubric.best_of]\nevidence = {best}\n")
            cmd += ["--profile", prof]
        scored = run_json(cmd + paths)
    return {os.path.basename(x["path"]): x for x in scored["files"]}


def fit(files, truth, by_best):
    """The grid value that agrees best with the graders on `files`: most levels, then rho,
    then the smallest value (the plain mean is the default assumption)."""
    def key(b):
        ours = [by_best[b][f]["total"] for f in files]
        gs = [truth[f] for f in files]
        agree = sum(level(t) == level(o) for t, o in zip(gs, ours))
        return (agree, spearman(ours, gs), -b)
    return max(GRID, key=key)


def leave_one_out(files, truth, bin_, paths):
    by_best = {b: score_all(bin_, paths, b) for b in GRID}
    chosen, predicted = {}, {}
    for f in files:
        others = [x for x in files if x != f]
        b = fit(others, truth, by_best)
        chosen[f] = b
        predicted[f] = by_best[b][f]["total"]
    return {
        "all_documents_choose": fit(files, truth, by_best),
        "chosen": chosen,
        "spearman": spearman([predicted[f] for f in files], [truth[f] for f in files]),
        "levels_agree": sum(level(truth[f]) == level(predicted[f]) for f in files),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grades", default=os.path.join(ROOT, "..", "shared", "grades", "visible.tsv"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--casekit")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()

    grades = read_grades(a.grades)
    files = sorted(f for f in grades if os.path.exists(os.path.join(a.corpus, f)))
    missing = sorted(set(grades) - set(files))
    if not files:
        sys.exit(f"validity: none of the graded files is in {a.corpus}")
    paths = [os.path.join(a.corpus, f) for f in files]
    bin_ = casekit_bin(a.casekit)
    # --no-config: the corpus is scored as the guide has it, whatever casekit.toml is near.
    scored = run_json([bin_, "score", "--no-config", "--format", "json", *paths])
    by_path = {os.path.basename(x["path"]): x for x in scored["files"]}
    checked = run_json([bin_, "check", "--no-config", "--format", "json", "--select", "STR001", *paths])
    missing_sections = defaultdict(int)
    for f in checked["files"]:
        missing_sections[os.path.basename(f["path"])] += len(f["diagnostics"])

    rows = []
    for f in files:
        g = grades[f]
        mean = {k: sum(x[k] for x in g.values()) / len(g) for k in CRITERIA + ["total"]}
        s = by_path[f]
        crit = {c["id"]: c["score"] for c in s["criteria"]}
        with open(os.path.join(a.corpus, f), encoding="utf-8") as fh:
            words = len(fh.read().split())
        rows.append(
            {
                "file": f,
                "graders": mean,
                "by_grader": {k: v["total"] for k, v in g.items()},
                "casekit": s["total"],
                "casekit_level": s["level"],
                "criteria": crit,
                "words": words,
                "sections_found": -missing_sections[f],
            }
        )

    mean_totals = [r["graders"]["total"] for r in rows]
    ours = [r["casekit"] for r in rows]
    graders = sorted({k for r in rows for k in r["by_grader"]})
    agreement = None
    if len(graders) >= 2:
        both = [r for r in rows if graders[0] in r["by_grader"] and graders[1] in r["by_grader"]]
        agreement = spearman(
            [r["by_grader"][graders[0]] for r in both], [r["by_grader"][graders[1]] for r in both]
        )
    loo = leave_one_out(files, {r["file"]: r["graders"]["total"] for r in rows}, bin_, paths)
    levels_same = sum(level(r["graders"]["total"]) == r["casekit_level"] for r in rows)
    out = {
        "documents": len(rows),
        "spearman": spearman(ours, mean_totals),
        "grader_agreement": agreement,
        "baseline_words": spearman([r["words"] for r in rows], mean_totals),
        "baseline_sections": spearman([r["sections_found"] for r in rows], mean_totals),
        "levels_agree": levels_same,
        "criteria": {
            c: spearman([r["criteria"].get(c, 0) for r in rows], [r["graders"][c] for r in rows])
            for c in CRITERIA
        },
        "leave_one_out": loo,
        "rows": rows,
        "not_found": missing,
    }
    if a.json:
        json.dump(out, sys.stdout, indent=2)
        print()
        return

    print(f"{out['documents']} graded documents")
    n = len(rows)
    print(
        f"leave-one-out: rho {loo['spearman']:.3f}, levels agree {loo['levels_agree']}/{n} "
        f"({100 * loo['levels_agree'] / n:.0f}%); best_of.evidence chosen on all documents: "
        f"{loo['all_documents_choose']}, per fold: "
        + ", ".join(f"{b} x{list(loo['chosen'].values()).count(b)}" for b in GRID if b in loo["chosen"].values())
    )
    print("as shipped:")
    print(f"Spearman rho, casekit vs graders' mean total: {out['spearman']:.3f}")
    if agreement is not None:
        print(f"Spearman rho, grader {graders[0]} vs grader {graders[1]}: {agreement:.3f}")
    print(f"baseline, word count:       {out['baseline_words']:.3f}")
    print(f"baseline, sections found:   {out['baseline_sections']:.3f}")
    print(f"levels agree: {levels_same}/{len(rows)} ({100 * levels_same / len(rows):.0f}%)")
    for c, v in out["criteria"].items():
        print(f"  {c:<13} rho {v:.3f}")
    print()
    print(f"{'file':<40} {'graders':>7} {'casekit':>7}  level (graders / casekit)")
    for r in sorted(rows, key=lambda r: -abs(r["casekit"] - r["graders"]["total"])):
        g = r["graders"]["total"]
        mark = "" if level(g) == r["casekit_level"] else "  <- level differs"
        print(f"{r['file']:<40} {g:7.1f} {r['casekit']:7.1f}  {level(g)} / {r['casekit_level']}{mark}")
    if missing:
        print(f"\nnot in the corpus folder: {', '.join(missing)}")


if __name__ == "__main__":
    main()
