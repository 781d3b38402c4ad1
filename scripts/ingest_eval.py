#!/usr/bin/env python3
"""The issue-13 table: segmentation and classification of ingest on labelled digests.

    python scripts/ingest_eval.py [--folds K [--repeats R]] [--eval-dir DIR] [--worst N] [--per-digest]

Two sets are scored, each with the shared scorer (../shared/ingest-eval/score.py, imported, not
copied), so the figures are the ones its README describes:
- "eval24": ../shared/ingest-eval/digests/*.truth.json (24 digests written after the segmenter);
- "own":    tests/ingest/digests/*.expected.json, turned into the scorer's truth format (their
            titles are keyword lists, not headlines, so title token F1 is n/a there).

Figures: Pk (macro over digests, lower is better), exact boundary F1 (macro), stories reproduced
exactly (micro: exact / all true stories), topic F1 at IPTC top level, country F1, region F1
through countries (each story's countries copied into its regions, as the README says), date
accuracy (micro; a story's `event_date` when it has one, else `date`: the truth's date is the
event's) and title token F1. Topic aliases come from config.yaml's `iptc` keys.

Without --folds the shipped segmenter (site_builder/ingest/data/segmenter.json) is scored: for
the 24 those are tuned-on figures, since the weights were fitted on them. With --folds K every
labelled digest (both sets) is put in one of K folds (by digest, in name order, round robin); the
segmenter is refitted on the other K-1 folds (scripts/fit_segmenter.py, needs the `fit` extra)
and the fold is segmented with that model only. Those are the checked-on figures. Which digests
share a fold moves a K-fold figure by a story or two; --repeats R adds K-fold CV over R shuffled
fold assignments, averaged, with the range of stories reproduced exactly (the steadier figure).

Baseline (hand-set weights and thresholds, commit 9b56c5b, before the learnt segmenter; no
fitting, so tuned-on and checked-on are the same):

    set     Pk     bF1    exact  topicF1 ctyF1  regF1  date   titleF1
    eval24  0.083  0.881  0.819  0.694   0.775  0.868  0.897  0.298
    own     0.024  0.952  0.947  0.629   0.938  0.946  1.000  n/a

Learnt segmenter (data/segmenter.json, C=30; folds by digest over all 52 labelled digests, each
model refitted with C chosen by an inner grouped CV among its training digests). Only the
segmentation changed here; topics, countries and dates move only because stories are cut
differently:

    set     run              Pk     bF1    exact  topicF1 ctyF1  regF1  date   titleF1
    eval24  fit on all       0.000  1.000  1.000  0.733   0.777  0.908  0.914  0.327   (tuned on)
    eval24  4-fold CV        0.030  0.952  0.914  0.723   0.771  0.904  0.894  0.317
    eval24  6-fold CV        0.020  0.968  0.952  0.729   0.781  0.917  0.895  0.321
    eval24  52-fold (LODO)   0.011  0.972  0.962  0.733   0.778  0.908  0.914  0.327
    own     fit on all       0.024  0.952  0.947  0.629   0.938  0.946  1.000  n/a
    own     6-fold CV        0.066  0.915  0.867  0.603   0.912  0.923  0.971  n/a
    own     52-fold (LODO)   0.072  0.892  0.853  0.603   0.900  0.911  0.986  n/a

Classification round 2 (home_country, company bases, venues, name glosses, topic vocabulary,
"tomorrow" and "Wednesday last week"; the segmenter unchanged), --folds 6, before -> after:

    set     run              topicF1        ctyF1          regF1          date
    eval24  fit on all       0.818 -> 0.837 0.859 -> 0.898 0.938 -> 0.980 0.962 -> 0.981
    eval24  6-fold CV        0.815 -> 0.834 0.856 -> 0.895 0.938 -> 0.980 0.943 -> 0.962
    own     fit on all       0.721   same   0.955   same   0.956   same   1.000   same
    own     6-fold CV        0.691   same   0.929   same   0.933   same   0.971   same

Classification rounds 3 and 4 (country rules: institutes' names, venues, reactions, posts abroad,
surveys of other countries, comparisons; a fitted topic model, scripts/fit_topic_model.py, fitted
on the odd-numbered eval digests and the own digests only; the segmenter unchanged), --folds 6,
cd55fe3's round-2-and-3 figures -> 3cfce7b:

    set     run              topicF1        ctyF1          regF1          date
    eval24  fit on all       0.870 -> 0.907 0.913 -> 0.927 0.980 -> 0.985 0.981   same
    eval24  6-fold CV        0.867 -> 0.907 0.909 -> 0.920 0.980 -> 0.985 0.962   same
    own     fit on all       0.774 -> 0.889 0.957 -> 0.971 0.960 -> 0.975 1.000   same

Segmenter round 5 (10 own digests r5-*: kicker-less one-paragraph teasers in a row, leads with no
kicker and their counter-cases; features topic_shift, no_words_common, no_names, indefinite_start,
anaphoric_time, deep_no_peg in, names_common and names_shared out; standardised features; topic
model refitted with the new digests),
--folds 6 --leave-out r5-, segmentation columns Pk / bF1 / exact, 85faa6b -> now:

    eval24  fit on all        0.000/1.000/1.000 -> 0.004/0.994/0.990
    eval24  6-fold CV         0.020/0.968/0.952 -> 0.023/0.964/0.943 (9 round-5 digests, before
                              r5-pegless-teasers and with names_common/shared: 0.011/0.974/0.952)
    own old fit on all        0.024/0.952/0.947 -> 0.010/0.988/0.973
    own old 6-fold CV         0.066/0.915/0.867 -> 0.024/0.952/0.947
    own r5  fit on all        0.167/0.825/0.643 (the 85faa6b model) -> 0.013/0.980/0.952
    own r5  each left out     0.129/0.866/0.738 -> 0.089/0.907/0.786 with a topic shift on few
                              topic words counting for less (cues.TOPIC_EVIDENCE; eval24 unchanged):
                              the shape is only partly learned; teasers with no news peg
                              ("Airbus said it delivered ...") still merge when unseen

The honest classification figure is the even-numbered half, never used to choose a rule or fit
the topic model (scripts/classify_eval.py --half check): topic F1 0.847, country 0.901, region
0.983, date 1.000.

The hand-set weights had been tuned on the own digests, so their "own" baseline is a tuned-on
figure too; compare it with "fit on all". Fewer training digests (4-fold) give worse figures:
more labelled digests should still help.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.config import SiteConfig, load_config
from site_builder.ingest.digest import Line, read_digest
from site_builder.ingest.segment import Segment, paragraphs, segment
from site_builder.ingest.story import Story, build_story

Segmenter = Callable[[tuple[Line, ...]], tuple[Segment, ...]]
DEFAULT_EVAL = REPO.parent / "shared" / "ingest-eval"
OWN = REPO / "tests" / "ingest" / "digests"
COLUMNS = ("Pk", "bF1", "exact", "topicF1", "ctyF1", "regF1", "date", "titleF1")
TARGETS = {"Pk": 0.03, "bF1": 0.96, "exact": 0.94, "topicF1": 0.82, "ctyF1": 0.90, "regF1": 0.92, "date": 0.95}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled digest: where it is, its edition and its truth in the scorer's format."""

    name: str
    set: str
    path: Path
    edition: date
    truth: dict


# The headline scripts name the halves by their digests' numbers.
HALVES = {"odd": "tune", "even": "check"}


def eval_half(name: str) -> str | None:
    """The half of the eval digests a digest (its file name or stem) belongs to: "tune" for the
    odd-numbered ones, where rules are chosen and models fitted, "check" for the even-numbered
    ones, never used to choose anything; None for a name that does not start with a number."""
    number = re.match(r"\d+", name)
    return None if number is None else ("tune" if int(number.group()) % 2 else "check")


def half_digests(eval_dir: Path, half: str) -> Iterator[tuple[Path, dict, tuple[Line, ...]]]:
    """(truth file, its labels, the digest's lines) of each eval digest of `half` (odd, even, all)."""
    for truth_path in sorted((eval_dir / "digests").glob("*.truth.json")):
        name = truth_path.name[:-len(".truth.json")]
        if half != "all" and eval_half(name) != HALVES[half]:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        yield truth_path, truth, read_digest(truth_path.with_name(name + ".txt"))


def truth_segments(truth: dict, lines: tuple[Line, ...]) -> Iterator[tuple[dict, tuple[Line, ...]]]:
    """Each truth story and its lines, without the credits and bylines the truth sets apart."""
    skip = {item["line"] for item in truth.get("non_article_lines", [])}
    for seg in truth["segments"]:
        first, last = seg["lines"]
        yield seg, tuple(line for line in lines if first <= line.number <= last and line.text
                         and line.number not in skip)


def truth_story(lines: tuple[Line, ...], seg: dict, edition: date, config: SiteConfig) -> Story | None:
    """The story ingest makes of one truth segment's lines (so classification is judged apart
    from segmentation); None for a segment with no text."""
    first, last = seg["lines"]
    paras = paragraphs(tuple(lines[first - 1:last]))
    if not paras:
        return None
    return build_story(Segment(paras), edition, config.topics, config.regions, config.language,
                       config.home_country)


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("ingest_eval_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{eval_dir / 'score.py'}: not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def eval_digests(eval_dir: Path) -> list[Labelled]:
    result = []
    for truth_path in sorted((eval_dir / "digests").glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = truth_path.name[: -len(".truth.json")]
        result.append(Labelled(name, "eval24", truth_path.with_name(truth["file"]),
                               date.fromisoformat(truth["edition_date"]), truth))
    return result


def own_digests(folder: Path = OWN) -> list[Labelled]:
    result = []
    for expected_path in sorted(folder.glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        # Their titles are keyword lists, not headlines; regions are judged through countries.
        segments = [{**s, "title": None, "regions": s.get("countries", [])} for s in expected["segments"]]
        name = expected_path.name[: -len(".expected.json")]
        result.append(Labelled(name, "own", expected_path.with_name(name + ".txt"),
                               date.fromisoformat(expected["edition"]), {"segments": segments}))
    return result


def all_digests(eval_dir: Path) -> list[Labelled]:
    return eval_digests(eval_dir) + own_digests()


def aliases(config: SiteConfig) -> dict:
    return {"topics": {t.slug: f"medtop:{t.iptc}" for t in config.topics if t.iptc}}


def predict(item: Labelled, segmenter: Segmenter, config: SiteConfig) -> list[dict]:
    """What `site-builder ingest --dry-run --json` says of the digest, with regions := countries."""
    lines = read_digest(item.path)
    out = []
    for seg in segmenter(lines):
        story = build_story(seg, item.edition, config.topics, config.regions, config.language, config.home_country)
        when = getattr(story, "event_date", None) or story.date
        out.append({"lines": [story.first_line, story.last_line], "title": story.title,
                    "topics": list(story.topics), "countries": list(story.countries),
                    "regions": list(story.countries), "date": when.isoformat()})
    return out


def score(items: list[Labelled], preds: dict[str, list[dict]], scorer, vocab) -> dict[str, dict]:
    results = {}
    for item in items:
        phys = scorer.read_digest(item.path)
        results[item.name] = scorer.score_one(item.truth, preds[item.name], phys, vocab=vocab)
    return results


def table_row(results: dict[str, dict], titles: bool) -> dict[str, float | None]:
    rs = list(results.values())

    def macro(get) -> float | None:
        values = [v for v in map(get, rs) if v is not None]
        return sum(values) / len(values) if values else None

    date_n = sum(r["date_n"] for r in rs)
    date_ok = sum(round((r["date_acc"] or 0) * r["date_n"]) for r in rs)
    return {
        "Pk": macro(lambda r: r["pk"]),
        "bF1": macro(lambda r: r["boundary_f1"]),
        "exact": sum(r["exact_segments"] for r in rs) / sum(r["truth_segments"] for r in rs),
        "topicF1": macro(lambda r: r["topic_iptc_p_r_f1"][2]),
        "ctyF1": macro(lambda r: r["country_p_r_f1"][2] if r["country_p_r_f1"] else None),
        "regF1": macro(lambda r: r["region_p_r_f1"][2]),
        "date": date_ok / date_n if date_n else None,
        "titleF1": macro(lambda r: r["title_token_f1"]) if titles else None,
    }


def format_row(label: str, row: dict[str, float | None]) -> str:
    return f"{label:<40}" + "".join(f"{'n/a' if row[c] is None else f'{row[c]:.3f}':>8}" for c in COLUMNS)


def deal_folds(items: list[Labelled], folds: int, shuffle: int | None = None) -> list[list[Labelled]]:
    """The K folds of cross-validation, by digest: dealt round robin in the items' order, or in
    an order shuffled by the seed `shuffle`."""
    order = items[:]
    if shuffle is not None:
        random.Random(shuffle).shuffle(order)
    return [order[k::folds] for k in range(folds)]


def cross_validated(items: list[Labelled], folds: int, config: SiteConfig,
                    shuffle: int | None = None) -> dict[str, list[dict]]:
    """Each digest segmented by a model fitted without its fold. Folds are dealt round robin in
    name order, or, with `shuffle`, in an order shuffled by that seed (see --repeats)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_segmenter import fit_model  # the `fit` extra (scikit-learn)

    preds: dict[str, list[dict]] = {}
    for held in deal_folds(items, folds, shuffle):
        train = [item for item in items if item not in held]
        model = fit_model(train)
        for item in held:
            preds[item.name] = predict(item, lambda lines, m=model: segment(lines, model=m), config)
    return preds


def left_out(items: list[Labelled], prefix: str, config: SiteConfig) -> dict[str, list[dict]]:
    """Each digest named prefix* segmented by a model fitted on every other labelled digest
    (leave one digest out): did the model learn the shape those digests were written for, or
    their text?"""
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_segmenter import fit_model  # the `fit` extra (scikit-learn)

    preds: dict[str, list[dict]] = {}
    for item in items:
        if item.name.startswith(prefix):
            model = fit_model([other for other in items if other is not item])
            preds[item.name] = predict(item, lambda lines, m=model: segment(lines, model=m), config)
    return preds


# The own digests of the segmenter's fifth round (kicker-less teasers in a row, leads without a
# kicker) and sixth (fresh digests a newsroom might paste: wrapped, CRLF, other languages, bylines)
# are reported apart from the older ones, so each can be compared with its own past.
ROUNDS = ("r5-", "r6-")


def report_sets(items: list[Labelled], preds: dict[str, list[dict]]) -> list[tuple[str, list[Labelled]]]:
    """The table's rows for one run: eval24, own (all), own before round 5, own round 5; only
    the digests the run segmented."""
    mine = [i for i in items if i.name in preds]
    own = [i for i in mine if i.set == "own"]
    old = [i for i in own if not i.name.startswith(ROUNDS)]
    rounds = [(f"own ({prefix[:-1]} new)", [i for i in own if i.name.startswith(prefix)]) for prefix in ROUNDS]
    sets = [("eval24", [i for i in mine if i.set == "eval24"]), ("own", own if old and len(own) > len(old) else []),
            ("own (old)", old), *rounds]
    return [(name, subset) for name, subset in sets if subset]


def worst(items: list[Labelled], results: dict[str, dict], preds: dict[str, list[dict]], n: int) -> list[str]:
    """The true stories found worst (lowest line Jaccard with their best predicted story)."""
    rows = []
    for item in items:
        found = [tuple(p["lines"]) for p in preds[item.name]]
        for row, spec in zip(results[item.name]["per_segment"], item.truth["segments"]):
            if row["jaccard"] < 1:
                rows.append((row["jaccard"], item.name, tuple(spec["lines"]),
                             [f for f in found if f[1] >= spec["lines"][0] and f[0] <= spec["lines"][1]]))
    rows.sort()
    return [f"{name} true {lines} found {found} (Jaccard {j:.2f})" for j, name, lines, found in rows[:n]]


def print_repeated(items: list[Labelled], folds: int, repeats: int, config: SiteConfig, scorer, vocab) -> None:
    """K-fold CV repeated with `repeats` shuffled fold assignments (seeds 0..R-1): each row is the
    mean of the R rows, then the range of stories reproduced exactly. Which digests share a fold
    moves one K-fold figure by a story or two; the mean is the steadier estimate of how the
    segmenter does on digests it was not fitted on."""
    per_set: dict[str, list[dict[str, float | None]]] = {}
    for seed in range(repeats):
        preds = cross_validated(items, folds, config, shuffle=seed)
        for set_name, subset in report_sets(items, preds):
            per_set.setdefault(set_name, []).append(table_row(score(subset, preds, scorer, vocab), set_name == "eval24"))
    for set_name, rows in per_set.items():
        mean = {c: (sum(r[c] for r in rows) / len(rows) if rows[0][c] is not None else None) for c in COLUMNS}
        exact = [r["exact"] for r in rows]
        print(format_row(f"{set_name} {folds}-fold CV x{repeats} shuffled", mean)
              + f"   exact {min(exact):.3f}-{max(exact):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--folds", type=int, default=0, help="also report K-fold cross-validated figures")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst-segmented true stories")
    parser.add_argument("--per-digest", action="store_true")
    parser.add_argument("--repeats", type=int, default=0, metavar="R",
                        help="with --folds K: also K-fold CV with R shuffled fold assignments, averaged")
    parser.add_argument("--leave-out", metavar="PREFIX", default="",
                        help="also segment each digest named PREFIX* with a model fitted on every other digest")
    args = parser.parse_args()
    if not (args.eval_dir / "score.py").is_file():
        print(f"{args.eval_dir}: no score.py (give --eval-dir)", file=sys.stderr)
        return 2
    config = load_config(REPO)
    scorer = load_scorer(args.eval_dir)
    vocab = scorer.Vocab(aliases(config))
    items = all_digests(args.eval_dir)
    runs = {"shipped model (fit on all)": {i.name: predict(i, segment, config) for i in items}}
    if args.folds:
        runs[f"{args.folds}-fold cross-validated"] = cross_validated(items, args.folds, config)
    if args.leave_out:
        runs[f"each {args.leave_out}* left out"] = left_out(items, args.leave_out, config)
    print(f"{'':<40}" + "".join(f"{c:>8}" for c in COLUMNS))
    print(format_row("target (eval24)", {c: TARGETS.get(c) for c in COLUMNS}))
    for label, preds in runs.items():
        for set_name, subset in report_sets(items, preds):
            results = score(subset, preds, scorer, vocab)
            print(format_row(f"{set_name} {label}", table_row(results, set_name == "eval24")))
            if args.per_digest:
                for item in subset:
                    print(format_row(f"  {item.name[:26]}", table_row({item.name: results[item.name]}, True)))
            if args.worst:
                for line in worst(subset, results, preds, args.worst):
                    print(f"    {line}")
    if args.folds and args.repeats:
        print_repeated(items, args.folds, args.repeats, config, scorer, vocab)
    return 0


if __name__ == "__main__":
    sys.exit(main())
