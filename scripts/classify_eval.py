#!/usr/bin/env python3
"""Classification quality of ingest on the TRUTH segments of labelled digests.

    python scripts/classify_eval.py [--half tune|check|all] [--per-story] [--entities] [DIR]

Each truth segment's physical lines (credits and bylines included: build_story puts them
aside as in a real ingest) become one story through build_story, so topics, countries, regions, date and names are judged apart from segmentation.
The figures are those of ../shared/ingest-eval/score.py (imported: same alignment-free
definitions, micro-averaged): topic F1 at IPTC top level, country F1, region F1 through
countries (the story's countries copied into its regions, as that README says), date accuracy.
With --entities, people and organisation precision/recall against the truth's `people`/`orgs`
(a name counts as found when one contains the other, case-insensitively).

Halves: "tune" = digests with an odd number (01, 05, ...), "check" = even ones; tune on one,
report both, and look at "all" only at the end.

Round of 2026-12-04 (fixes read off tune-half misses only), e59a15c -> end of the round:

    half   topic F1        country F1      region F1       date        people F1
    tune   0.875 -> 0.889  0.907 -> 0.919  0.971 -> 0.978  0.964 same  0.832 -> 0.847
    check  0.813 same      0.883 same      0.983 same      1.000 same  0.822 -> 0.826

The check half was run twice, never to choose a change: at 8f3667a (topic 0.800; presumably a
bogus person such as "Economic Affairs", blanked out of the topic vocabulary, hid a story's
words: its misses were not read) and at the end, after the people fix that the tune half's
false positives called for.

Round 2 of 2026-12-04 (0f3286e -> end; fixes read off tune-half and own-digest misses only, the
check half run three times, to report, never to choose): a mention that names an institute,
paper or tournament ("the US Geological Survey"), a meeting's venue ("a UN meeting in Geneva"),
a person's post abroad ("representative to the US") or a country in a later sentence of
reactions no longer places the story; a public holiday is society; a drought is environment;
economy, environment and politics words it lacked; French elided articles (d’économies).

    half   topic F1        country P / R / F1                     region F1       date
    tune   0.889 -> 0.931  0.878/0.963/0.919 -> 0.907/0.951/0.929  0.978 -> 0.971  0.964 same
    check  0.813 same      0.800/0.986/0.883 -> 0.819/0.986/0.895  0.983 same      1.000 same

Still short on the check half (topic 0.82, country 0.90; country macro over digests 0.889 ->
0.900): none of the topic fixes changes a check-half story. Own digests (ingest_metrics.py
--table): topic 0.721 -> 0.774, country 0.955 -> 0.957, region 0.956 -> 0.960, date 1.000. The tune half and the own digests
disagree with the last round's list of false kinds on athletes' nationalities ("Ireland’s Rory
McIlroy" counts in our labels), side items ("Also yesterday, Germany’s ...": counted in ours,
not in 05's) and companies ("Taiwan’s Evergreen Marine Corp" counts), so those were left as
they were. A logistic model over the new evidence (mentions that place the story, in the
lede, first sentence, side item, located, share of the lead, adjective only, position) gave
leave-one-digest-out F1 0.74-0.75 on the 93 non-lead countries of tune + own against the rule's
0.83, and was not shipped.

Countries, round 3 of 2026-12-04 (cd55fe3 -> end; chosen on tune-half and own-digest misses
only, the check half run once per shipped candidate, to report): a sentence that names three or
more countries besides the lead surveys them and does not place the story ("citizens of the UK,
the US, Japan, China and India were among the dead", "tremors were also felt in China’s Yunnan
Province, India and Bangladesh"; in the first sentence only a list written as one that is not
its subject: "rescue teams from China, India and Russia", not "The EU, the US, Britain and
Canada imposed ..."); a city named as a meeting's venue stays the venue where the story names
it again ("the assembly opens in Geneva ... a delegation to Geneva"); a comparison's yardstick
("higher than in Brazil or Chile", "unlike France") is not a place (no tune, own or, as the
unchanged figure shows, check story has one: a rule of news writing in general).

    half   country P / R / F1                      region F1
    tune   0.907/0.951/0.929 -> 0.951/0.951/0.951   0.971 -> 0.978
    check  0.819/0.986/0.895 -> 0.829/0.986/0.901   0.983 same     (macro 0.900 -> 0.908)
    own    (ingest_metrics.py --table) country 0.957 -> 0.971, region 0.960 -> 0.975

Own digests macro over digests: country P 0.965 -> 0.987, R 0.964 same. Speed (2-core machine
under load): story_countries alone 2.84 -> 2.63 MB/s of paragraphs; ingest_speed.py 2 MB, whole
ingest --dry-run CPU 8.9 / 8.7 s before, 9.6 / 8.4 s after (noise); segmentation 1.01 -> 1.05 MB/s.

Tried and dropped on tune + own: the lede as the first sentence instead of 300 characters
(tune 0.945 -> 0.938, own 0.971 -> 0.964: a kicker and its deck make a long first "sentence"),
and for the ranking's double weight alone (tune same, own 0.971 -> 0.961);
a country named only after "to", "from", "by", "with", "than" or "like" ("exports to China",
"mediated by Turkey", "arriving from Bangkok") as a passing mention (tune unchanged, own 0.971
-> 0.966 with all six, +0.001 with "to" alone: one story, not kept; "than" and "like" alone
moved nothing and became the comparison rule above); the first survey rule
applied to every sentence, the first included (tune 0.912: the lede's own parties, "Ukraine ...
a US proposal ... Russia ... Jeddah", and a subject list were dropped); a survey of two
countries (tune 0.918) or of four (tune 0.940, own 0.957).

Tried and not shipped: a logistic model over each non-first country's mention evidence (count,
score share, in the first sentence, in the lede, first position, "in X", opening a side item,
as a nationality, in a sentence of reactions, countries named), fitted by Newton's method.
Leave-one-digest-out on the tune half its kept-country F1 was 0.79, the hand rule's 0.79; on
tune + own digests 0.75 against 0.81, and fitted it lowered the own digests' country F1 from
0.955 to 0.940: 56 (93) examples with labels that disagree on the same kind of mention (a
reacting country, a prize's Swedish Academy) are too few to beat PASSING_SHARE and the rule.

Round 3 of 2026-12-04 (cd55fe3 -> topicfit2): a fitted topic model (ingest/topic_model.py,
scripts/fit_topic_model.py): one-vs-rest logistic regression over the story's words (CJK
character pairs), fitted on the truth stories of the tune half and the own digests (130 stories,
40 digests), blended into the lexicon's scores as 8 x (p - 0.5). Chosen by leave-one-digest-out
CV on those 40 digests before the check half was run: topic P/R/F1 rules 0.767/0.939/0.844, model
0.872/0.878/0.875 (best of a grid of C, lede weight, blend and offset; the best cell 0.882 was a
larger blend that broke two hand-checked seed/Kenya cases in tests/ingest/test_classify.py);
nested (blend chosen inside each fold) 0.846/0.857/0.851, where lowering every score by one
constant chosen the same way gives 0.889/0.816/0.851: a good part of the gain is precision a
higher threshold would also give, the rest the model's. Split by set (LODO, shipped
settings): tune-half stories 0.931 -> 0.894 (P 0.931 -> 0.983, R 0.931 -> 0.819), own 0.776 ->
0.859: the whole CV gain is on the own digests; on the tune half the rules' figure is a tuned-on
one (their vocabulary was read off those very stories), the model's is not. Not kept: priors alone on a story of
unknown words (a uniform shift; broke a Chinese test), weights under 0.1 (same F1, dropped).

    half   topic P / R / F1                        macro
    tune   0.931/0.931/0.931 -> 1.000/0.944/0.971  0.933 -> 0.974   (tuned on: the model saw these)
    check  0.803/0.824/0.813 -> 0.921/0.784/0.847  0.806 -> 0.841
    own    0.774 -> 0.889 (ingest_metrics.py --table; tuned on)

The check half was run twice: once for a first version (same figure, 0.847) and once for the
shipped one after two changes the own digests' tests called for; neither run chose anything.
Recall on the check half fell (0.824 -> 0.784): the model drops second topics, some of them right.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from ingest_eval import aliases as topic_aliases, eval_half, load_scorer, truth_story  # noqa: E402  (one scorer, one split)

from site_builder.config import load_config
from site_builder.ingest.digest import read_digest
from site_builder.ingest.segment import paragraphs

DEFAULT_DIR = REPO.parent / "shared" / "ingest-eval" / "digests"


def _name_match(found: list[str], truth: list[str]) -> tuple[int, int, int, list[str], list[str]]:
    """(tp, fp, fn, false positives, misses): a name matches when one contains the other."""
    low_t = [t.lower() for t in truth]
    low_f = [f.lower() for f in found]
    hit_f = [f for f in low_f if any(f in t or t in f for t in low_t)]
    miss = [t for t, lt in zip(truth, low_t) if not any(lf in lt or lt in lf for lf in low_f)]
    fps = [f for f, lf in zip(found, low_f) if lf not in hit_f]
    return len(hit_f), len(fps), len(miss), fps, miss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--half", choices=("tune", "check", "all"), default="tune")
    parser.add_argument("--per-story", action="store_true", help="print each story's wrong labels")
    parser.add_argument("--entities", action="store_true", help="people/organisation figures")
    args = parser.parse_args()
    score = load_scorer(args.folder.parent)
    config = load_config(REPO)
    vocab = score.Vocab(topic_aliases(config))
    keys = ("i_tp", "i_fp", "i_fn", "r_tp", "r_fp", "r_fn", "c_tp", "c_fp", "c_fn",
            "d_ok", "d_n", "p_tp", "p_fp", "p_fn", "o_tp", "o_fp", "o_fn")
    grand = dict.fromkeys(keys, 0)
    per_digest: list[dict[str, int]] = []
    for truth_path in sorted(args.folder.glob("*.truth.json")):
        if args.half != "all" and eval_half(truth_path.name) != args.half:
            continue
        totals = dict.fromkeys(keys, 0)
        per_digest.append(totals)
        truth = json.loads(truth_path.read_text("utf-8"))
        edition = date.fromisoformat(truth["edition_date"])
        lines = read_digest(truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")))
        for seg in truth["segments"]:
            story = truth_story(lines, seg, edition, config)
            if story is None:
                continue
            wrong: list[str] = []
            p_iptc = {vocab.topic_iptc(x) for x in story.topics}
            t_iptc = {vocab.topic_iptc(x) for x in seg.get("topics", [])}
            t_iopt = {vocab.topic_iptc(x) for x in seg.get("topics_optional", [])}
            totals["i_tp"] += len(p_iptc & t_iptc)
            totals["i_fp"] += len(p_iptc - t_iptc - t_iopt)
            totals["i_fn"] += len(t_iptc - p_iptc)
            if p_iptc - t_iptc - t_iopt or t_iptc - p_iptc:
                wrong.append(f"topics {sorted(story.topics)} truth {seg.get('topics')} opt {seg.get('topics_optional', [])}")
            p_cty, t_cty = set(story.countries), set(seg.get("countries", []))
            totals["c_tp"] += len(p_cty & t_cty)
            totals["c_fp"] += len(p_cty - t_cty)
            totals["c_fn"] += len(t_cty - p_cty)
            if p_cty != t_cty:
                wrong.append(f"countries {list(story.countries)} truth {seg.get('countries')}")
            p_reg = {vocab.region(x) for x in story.countries} - {None}
            t_reg = {vocab.region(x) for x in seg.get("regions", [])} - {None}
            t_ropt = {vocab.region(x) for x in seg.get("regions_optional", [])} - {None}
            totals["r_tp"] += len(p_reg & t_reg)
            totals["r_fp"] += len(p_reg - t_reg - t_ropt)
            totals["r_fn"] += len(t_reg - p_reg)
            if seg.get("date"):
                totals["d_n"] += 1
                ok = story.date.isoformat() == seg["date"]
                totals["d_ok"] += ok
                if not ok:
                    wrong.append(f"date {story.date} truth {seg['date']} (edition {edition})")
            if args.entities:
                for key, found, label in (("p", story.people, "people"), ("o", story.organizations, "orgs")):
                    tp, fp, fn, fps, miss = _name_match(list(found), seg.get(label) or [])
                    totals[f"{key}_tp"] += tp
                    totals[f"{key}_fp"] += fp
                    totals[f"{key}_fn"] += fn
                    if fps or miss:
                        wrong.append(f"{label} extra {fps} missed {miss}")
            if args.per_story and wrong:
                first, last = seg["lines"]
                text = " ".join(p.text for p in paragraphs(tuple(lines[first - 1:last])))[:110]
                print(f"{truth_path.name[:-11]} {first}-{last}: {text}")
                for w in wrong:
                    print(f"    {w}")
    for totals in per_digest:
        for key in keys:
            grand[key] += totals[key]
    print(f"half: {args.half} ({len(per_digest)} digests); micro over stories, then the mean over "
          f"digests (macro, as score.py's table)")
    for name, value, macro in _rows(score.prf, grand, per_digest, args.entities):
        shown = " / ".join(f"{v:.3f}" for v in value) if isinstance(value, tuple) else f"{value:.3f}"
        print(f"  {name:30} {shown}   macro {macro:.3f}")
    return 0


def _rows(prf, grand: dict[str, int], per_digest: list[dict[str, int]], entities: bool):
    """(label, micro value (P, R, F1) or accuracy, macro F1 or accuracy) for each figure."""
    def value(t: dict[str, int], key: str):
        if key == "d":
            return t["d_ok"] / t["d_n"] if t["d_n"] else None
        return prf(t[f"{key}_tp"], t[f"{key}_fp"], t[f"{key}_fn"])

    def macro(key: str) -> float:
        vals = [value(t, key) for t in per_digest]
        vals = [v if key == "d" else v[2] for v in vals if v is not None]
        return sum(vals) / len(vals) if vals else 0.0

    figures = [("topic (IPTC) P/R/F1", "i"), ("country P/R/F1", "c"),
               ("region (via countries) P/R/F1", "r"), ("date accuracy", "d")]
    if entities:
        figures += [("people P/R/F1", "p"), ("organisations P/R/F1", "o")]
    return [(label, value(grand, key) or 0.0, macro(key)) for label, key in figures]


if __name__ == "__main__":
    raise SystemExit(main())
