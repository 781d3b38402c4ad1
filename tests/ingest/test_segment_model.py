"""The learnt segmenter: its hard rules hold whatever the model says, its weights ship as data
that ingest reads without numpy or scikit-learn, and the fitting and measuring scripts work."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.ingest.digest import split_lines
from site_builder.ingest.segment import MODEL_PATH, BoundaryModel, default_model, segment, training_rows

REPO = Path(__file__).resolve().parents[2]
DIGESTS = REPO / "tests" / "ingest" / "digests"
EVAL = REPO.parent / "shared" / "ingest-eval"
ALWAYS_SPLIT = BoundaryModel(weights={}, bias=30.0)
NEVER_SPLIT = BoundaryModel(weights={}, bias=-30.0)


def _spans(text: str, model: BoundaryModel | None = None) -> list[list[int]]:
    return [[s.first, s.last] for s in segment(split_lines(text), model=model)]


LEAD = ("Taiwan yesterday denied Chinese allegations that its military was behind a cyberattack on a "
        "technology company in Guangzhou, calling the claims a smear.\n")


@pytest.mark.parametrize("credit", [
    "Photo: EPA-EFE", "Additional reporting by Jane Doe", "— Reuters", "(Photo: AFP)"])
def test_credits_and_sign_offs_never_start_a_story_even_if_the_model_says_so(credit: str) -> None:
    text = LEAD + credit + "\nThe ministry said the accusation was groundless.\n"
    spans = _spans(text, ALWAYS_SPLIT)
    assert spans[0][1] >= 2, spans                       # the credit stays with the lead
    assert [n for a, b in spans for n in range(a, b + 1)] == [1, 2, 3]


@pytest.mark.parametrize("second, reason", [
    ("‘BLUE-WHITE’ SPLIT: The KMT and the TPP failed to agree on a joint ticket.", "kicker"),
    ("‘US-CHINA’ TIES: Both sides agreed to slash tariffs for 90 days.", "kicker"),
    ("COVID-19: Taiwan reported 12 new cases yesterday.", "kicker"),
    ("KYIV (Reuters) - Russia launched a large drone attack on the capital overnight.", "dateline"),
    ("颱風昨天襲台，全台停班停課。", "script"),
])
def test_hard_boundaries_hold_even_if_the_model_never_splits(second: str, reason: str) -> None:
    segments = segment(split_lines(LEAD + second + "\n"), model=NEVER_SPLIT)
    assert [(s.first, s.last, s.reason) for s in segments][1:] == [(2, 2, reason)]


def test_cut_off_teaser_ends_a_story_even_if_the_model_never_splits() -> None:
    text = "Police arrested three men over a shooting in Taichung on\nThe central bank raised rates.\n"
    assert _spans(text, NEVER_SPLIT) == [[1, 1], [2, 2]]


def test_surname_and_place_openers_continue_a_lead() -> None:
    """Later paragraphs of a lead that open with the subject's surname, a new place ("In
    Washington, …") or another capital (the hand-set weights split off the last paragraph)."""
    text = (
        "Lai Ching-te of the Democratic Progressive Party yesterday won Taiwan’s presidential election "
        "with 40 percent of the vote, securing a third straight term for the party.\n"
        "Lai thanked voters for writing “a new chapter” in the nation’s democracy, and said he would "
        "maintain the status quo across the Taiwan Strait while strengthening national defense.\n"
        "In Washington, US Secretary of State Antony Blinken congratulated Lai and praised Taiwanese "
        "voters for the strength of their democratic system.\n"
        "Beijing said the result did not represent mainstream public opinion on the island, and that "
        "unification remained inevitable.\n"
    )
    assert _spans(text) == [[1, 4]]


def test_two_leads_in_a_row_without_kicker_are_two_stories() -> None:
    """A guard (the hand-set weights got this one right too): a second lede after a lead."""
    text = (
        "Japan’s Cabinet yesterday approved a record defense budget of ¥8.7 trillion for next year, "
        "as Tokyo accelerates its military buildup amid tensions with China.\n"
        "The budget includes funds for long-range missiles and for new destroyers, the Ministry of "
        "Defense said.\n"
        "Defense Minister Gen Nakatani said the spending was needed to deter aggression.\n"
        "Brazil’s Supreme Court on Thursday ordered the arrest of a former army general accused of "
        "plotting to overturn the result of the 2022 election, prosecutors in Brasilia said.\n"
        "The general denied wrongdoing through his lawyers.\n"
    )
    assert _spans(text) == [[1, 3], [4, 5]]


def test_ingest_reads_the_weights_without_numpy_or_scikit_learn() -> None:
    code = ("import sys\n"
            "from site_builder.ingest.digest import split_lines\n"
            "from site_builder.ingest.segment import segment\n"
            f"segment(split_lines({LEAD!r} + 'The ministry said so.\\n'))\n"
            "bad = [m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules]\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_shipped_weights_match_the_features_the_code_computes() -> None:
    """A feature renamed or added without refitting would silently weigh nothing."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = default_model()
    assert all(math.isfinite(w) for w in model.weights.values()) and math.isfinite(model.bias)
    assert 0 < data["threshold"] < 1 and data["rows"] > 0
    computed: set[str] = set()
    for digest in sorted(DIGESTS.glob("*.txt")):
        for features, _ in training_rows(split_lines(digest.read_text(encoding="utf-8")), set()):
            computed |= set(features)
    assert computed <= set(model.weights), computed - set(model.weights)


def test_fitting_writes_a_model_the_segmenter_reads() -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_segmenter import fit
    from ingest_eval import own_digests

    data = fit(own_digests()[:10])
    model = BoundaryModel.from_json(json.loads(json.dumps(data)))
    assert data["digests"] == 10 and set(model.weights) and data["C"] > 0
    lines = split_lines(LEAD + "The ministry said the accusation was groundless.\n")
    assert [line.number for s in segment(lines, model=model) for line in s.lines] == [1, 2]


@pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="needs ../shared/ingest-eval")
def test_eval_script_prints_the_table() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "ingest_eval.py")],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = {line[:40].strip(): line[40:].split() for line in result.stdout.splitlines()}
    header = result.stdout.splitlines()[0].split()
    assert header == ["Pk", "bF1", "exact", "topicF1", "ctyF1", "regF1", "date", "titleF1"]
    eval24 = dict(zip(header, rows["eval24 shipped model (fit on all)"]))
    # Fit-on-all figures (the weights saw these digests): a floor against regressions, not a claim.
    assert float(eval24["Pk"]) <= 0.03 and float(eval24["bF1"]) >= 0.96 and float(eval24["exact"]) >= 0.94


def test_shuffled_folds_hold_every_digest_once_and_differ_by_seed(monkeypatch) -> None:
    # --repeats averages K-fold CV over shuffled fold assignments: each must still be a partition
    # of the digests, the same for the same seed (a rerun reproduces the table), another for another.
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    from ingest_eval import deal_folds

    items = [f"digest-{i:02}" for i in range(62)]
    plain = deal_folds(items, 6)
    assert plain[0][:2] == ["digest-00", "digest-06"]        # round robin in name order
    for seed in (0, 1):
        folds = deal_folds(items, 6, shuffle=seed)
        assert sorted(d for fold in folds for d in fold) == items
        assert sorted(len(fold) for fold in folds) == [10, 10, 10, 10, 11, 11]
        assert folds == deal_folds(items, 6, shuffle=seed)
    assert deal_folds(items, 6, shuffle=0) != deal_folds(items, 6, shuffle=1) != plain


# Kicker-less one-paragraph teasers in a row (issue 13's named failure), written for this test
# after the model was fitted: none is in the training digests. On 85faa6b the first two and the
# last two ran together (2 stories of 4) in both layouts.
FRESH_TEASERS = [
    "Firefighters in Tainan yesterday put out a blaze at a plastics factory that sent thick smoke over the "
    "city's Annan District, the fire department said.",
    "The statistics agency yesterday said exports rose 12 percent last month from a year earlier, led by "
    "shipments of servers and chips.",
    "Japan beat South Korea 3-1 in Tokyo last night to reach the final of the Asian Cup, with two goals from "
    "its captain.",
    "Heavy rain triggered landslides that blocked two mountain highways in Nantou County, and more than 300 "
    "tourists were evacuated by helicopter, officials said.",
]
# Written in the same sitting; still read as the landslide teaser's second paragraph (an
# organisation "said" opener with no news peg is how a lead's later paragraphs open).
STILL_MERGED = ("The European Space Agency said a satellite launched last week to map the world's forests "
                "from orbit had sent back its first images.")


def _ingest_json(tmp_path: Path, name: str, paragraphs: list[str], gap: str) -> list[list[int]]:
    from tests.support.sites import FIXTURE_SITE, run_cli

    site = tmp_path / "site"
    (site / "content" / "digests").mkdir(parents=True, exist_ok=True)
    (site / "config.yaml").write_bytes((FIXTURE_SITE / "config.yaml").read_bytes())
    digest = tmp_path / name
    digest.write_text(gap.join(paragraphs) + "\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--dry-run", "--json", "--date", "2026-05-14", digest)
    assert result.returncode == 0, result.stderr
    return [s["lines"] for s in json.loads(result.stdout)["segments"]]


@pytest.mark.parametrize("gap, step", [("\n", 1), ("\n\n", 2)], ids=["one-per-line", "blank-lines"])
def test_kickerless_teasers_in_a_row_are_each_a_story(tmp_path: Path, gap: str, step: int) -> None:
    found = _ingest_json(tmp_path, "teasers.txt", FRESH_TEASERS, gap)
    assert found == [[1 + step * i, 1 + step * i] for i in range(len(FRESH_TEASERS))]


@pytest.mark.xfail(strict=True, reason="a peg-less 'The European Space Agency said …' teaser after another "
                   "teaser still reads as its second paragraph")
def test_a_pegless_organisation_teaser_after_a_teaser_is_a_story(tmp_path: Path) -> None:
    found = _ingest_json(tmp_path, "teasers.txt", [*FRESH_TEASERS, STILL_MERGED], "\n")
    assert found == [[n, n] for n in range(1, len(FRESH_TEASERS) + 2)]


def test_a_topic_shift_on_few_topic_words_counts_for_less():
    """Two paragraphs with one topic word each, for different topics, are not as far apart as
    two with ten words each that disagree the same way: one word is mostly chance."""
    from site_builder.ingest.cues import topic_distance

    one_each = topic_distance(((0, 1.0),), ((1, 1.0),))
    ten_each = topic_distance(((0, 10.0),), ((1, 10.0),))
    assert 0 < one_each < 0.3 < 0.6 < ten_each <= 1.0
    assert topic_distance(((0, 5.0), (1, 5.0)), ((0, 10.0), (1, 10.0))) == 0.0


def test_a_long_complete_teaser_does_not_swallow_the_next() -> None:
    # prev_length (the previous paragraph's length, a cue until 2026-12-05) grew up to 1,500
    # characters at a weight of -20: after a long teaser that ends its sentence (not cut off), a
    # lede with its own news peg stayed in it. The seed's teasers each given a closing sentence
    # (tests/hostile's desk B) were 3 stories of 5. The cue is gone now (boundaries.py).
    seed = (REPO / "content" / "digests" / "2025-04-26.txt").read_text(encoding="utf-8")
    marked = "".join(line.rstrip("\n") + " Reported by desk B.\n" if line.strip() else line
                     for line in seed.splitlines(keepends=True))
    assert [[s.first, s.last] for s in segment(split_lines(marked))][1:] == [[17, 17], [18, 18], [19, 19], [20, 20]]


# Complete one-paragraph stories pasted one after another (a wire brief each), written on
# 2026-12-05 and never fitted on: while the previous paragraph's length was a cue (weight -8.1),
# every new lede after a paragraph of 450+ characters stayed in it (P 0.00-0.16).
COMPLETE_BRIEFS = [
    "BERLIN (AP) — German police on Wednesday raided the homes of 25 suspected members of a far-right group "
    "accused of plotting to overthrow the government, prosecutors said, in the latest crackdown on extremists in "
    "the country. Those detained included a former member of parliament and two serving soldiers, the federal "
    "prosecutor’s office said in a statement.",
    "Heavy rain has caused the worst flooding in decades in the southern Brazilian state of Rio Grande do Sul, "
    "killing at least 78 people and forcing more than 100,000 from their homes, state officials said yesterday. "
    "Rescue workers in boats and helicopters were still searching for dozens of missing people in the state "
    "capital, Porto Alegre, where the Guaiba River rose to a record 5.3m.",
    "Former Taipei mayor Ko Wen-je yesterday was released on bail of NT$70 million after spending more than a "
    "year in detention on corruption charges, the Taipei District Court said. Ko, who founded the Taiwan "
    "People’s Party, is accused of taking bribes from a developer when he was mayor, charges he has denied.",
]


def test_complete_briefs_in_a_row_are_each_a_story() -> None:
    text = "\n\n".join(COMPLETE_BRIEFS) + "\n"
    assert [[s.first, s.last] for s in segment(split_lines(text))] == [[1, 1], [3, 3], [5, 5]]


def test_a_statement_phrase_before_a_new_name_is_no_continuation() -> None:
    from site_builder.ingest.cues import cues_of
    new = cues_of("In a statement released late on Thursday, Boeing Co said it would cut about 10 percent of its "
                  "global workforce over the coming months.", True)
    back = cues_of("In a statement issued after the vote, the Ministry of Defense said the missiles would be "
                   "deployed on destroyers.", True)
    assert not new.continuation and new.lede > 0
    assert back.continuation and back.lede == 0


def test_a_time_word_opening_the_paragraph_is_a_weak_peg() -> None:
    from site_builder.ingest.cues import cues_of
    scene = cues_of("On Monday, the minister met representatives of more than 20 labor unions, who welcomed the "
                    "amendment.", True)
    lede = cues_of("Taiwan yesterday denied Chinese allegations that it had sent spies to the mainland.", True)
    assert scene.lede < lede.lede


def test_a_kicker_and_its_deck_alone_on_a_line_open_the_story_below() -> None:
    from datetime import date

    from site_builder.ingest.story import build_story
    # Lines of unlike widths (not one hard-wrapped paragraph): the deck's line stood alone.
    text = ("‘MARKET RALLY’: The TAIEX rose 2.3 percent to a record close yesterday, led by chipmakers\n"
            "The TAIEX closed up 512.34 points at 22,781.56 yesterday, its highest close on record, as foreign "
            "investors bought a net NT$18.6 billion of local shares, Taiwan Stock Exchange data showed. Taiwan "
            "Semiconductor Manufacturing Co shares rose 3.1 percent to NT$1,090, while MediaTek Inc gained 4.2 "
            "percent.\n"
            "Photo: CNA\n"
            "Spain’s Carlos Alcaraz yesterday beat Italy’s Jannik Sinner 6-4, 6-7, 7-5 in the Wimbledon "
            "quarter-finals, setting up a semi-final against Serbia’s Novak Djokovic. It was Alcaraz’s 15th "
            "consecutive win on grass.\n"
            "Former Japanese prime minister Yoshihide Suga, who led the country during the COVID-19 pandemic and "
            "oversaw the delayed Tokyo Olympics, has died at the age of 77, his office said yesterday. Suga "
            "succeeded Shinzo Abe in 2020 and stepped down a year later.\n")
    found = segment(split_lines(text))
    assert [[s.first, s.last] for s in found] == [[1, 3], [4, 4], [5, 5]]      # was [1, 1], [2, 3], …
    story = build_story(found[0], date(2026, 7, 9), (), ())
    assert story.kicker == "‘MARKET RALLY’"
    assert story.deck == "The TAIEX rose 2.3 percent to a record close yesterday, led by chipmakers"
    assert story.summary.startswith("The TAIEX closed up 512.34 points")
