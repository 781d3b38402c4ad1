"""The fitted topic model (ingest/topic_model.py, data/topic_model.json.gz) and its refit script."""

from __future__ import annotations

import gzip
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.config import load_config
from site_builder.ingest.digest import read_digest
from site_builder.ingest.topic_model import MODEL_PATH, TopicModel, default_model, features
from site_builder.ingest.topics import classify_topics
from tests.support.sites import REPO, run_cli

DIGESTS = Path(__file__).parent / "digests"


@pytest.fixture(scope="module")
def topics():
    return load_config(REPO).topics


def _line(digest: str, number: int) -> str:
    return read_digest(DIGESTS / digest)[number - 1].text


def test_the_shipped_model_loads_and_scores(topics) -> None:
    model = default_model()
    assert model is not None and MODEL_PATH.stat().st_size < 1_000_000
    assert set(model.codes) == {t.iptc for t in topics if t.iptc}
    assert all(math.isfinite(b) for b in model.bias) and model.blend > 0 and 0 < model.offset < 1
    match = ("Liverpool beat Everton 1-0 at Anfield last night to go 12 points clear at the top of the "
             "Premier League; the striker scored the only goal in the second half.")
    probabilities = model.probabilities(match)
    assert max(probabilities, key=probabilities.get) == "15000000"   # sport
    assert all(0 < p < 1 for p in probabilities.values())


def test_a_story_of_words_the_model_never_saw_gets_no_opinion(topics) -> None:
    # Its priors alone would take points from every topic, and a Chinese one-liner read by the
    # lexicon would lose its second topic for nothing the model read.
    assert default_model().probabilities("Xyzzy plugh frobnicate.") == {}
    assert classify_topics("Xyzzy plugh frobnicate.", topics) == ("society",)


@pytest.mark.parametrize("digest, line, rules, fitted", [
    # Own labelled digests (training data): the lexicon adds a topic from a passing word
    # ("title" race -> politics; "corruption" and "coal exports" in a speaker's election).
    ("several-long-2025-04-02.txt", 10, ("sport", "politics"), ("sport",)),
    ("heldout-briefs-2025-03-15.txt", 4, ("politics", "crime-law-justice", "economy-business-finance"),
     ("politics",)),
])
def test_the_model_drops_a_topic_the_lexicon_got_from_a_passing_word(topics, digest, line, rules, fitted) -> None:
    text = _line(digest, line)
    assert classify_topics(text, topics, model=None) == rules
    assert classify_topics(text, topics) == fitted


def test_ingest_files_the_story_under_the_models_topics(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "digests").mkdir(parents=True)
    shutil.copy2(REPO / "config.yaml", site / "config.yaml")
    digest = site / "content" / "digests" / "heldout-briefs-2025-03-15.txt"
    shutil.copy2(DIGESTS / digest.name, digest)
    result = run_cli("ingest", "--site", site, "--dry-run", "--json", digest)
    assert result.returncode == 0, result.stderr
    by_line = {s["lines"][0]: s for s in json.loads(result.stdout)["segments"]}
    assert by_line[4]["topics"] == ["politics"]


def test_features_count_the_lede_and_read_chinese_by_character_pairs() -> None:
    text = "Typhoon " + "x " * 150 + "typhoon"
    f = features(text, 250, 2.0)
    assert set(f) == {"typhoon"} and math.isclose(f["typhoon"], 1.0)   # one word: unit length
    pairs = features("立法院今天通過", 250, 2.0)
    assert set(pairs) == {"立法", "法院", "院今", "今天", "天通", "通過"}


def test_a_model_file_that_does_not_match_its_codes_is_refused() -> None:
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    data["bias"] = data["bias"][:-1]
    with pytest.raises(ValueError, match="do not match"):
        TopicModel.from_json(data)


def test_ingest_reads_the_topic_model_without_numpy_or_scikit_learn() -> None:
    code = ("import sys\n"
            "from site_builder.config import load_config\n"
            "from site_builder.ingest.topics import classify_topics\n"
            "from site_builder.ingest.topic_model import default_model\n"
            "assert default_model() is not None\n"
            "classify_topics('The central bank raised interest rates.', load_config(__import__('pathlib').Path('.')).topics)\n"
            "bad = [m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules]\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_refitting_writes_a_model_the_classifier_reads(topics) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_topic_model import examples, fit
    from ingest_eval import own_digests

    config = load_config(REPO)
    data = examples(own_digests()[:12], config)
    fitted = fit(data, config)
    model = TopicModel.from_json(json.loads(json.dumps(fitted)))
    assert fitted["digests"] == 12 and fitted["stories"] == len(data) and model.weights
    assert set(model.codes) == {t.iptc for t in topics if t.iptc}
    chosen = classify_topics(data[0].text, topics, model)
    assert 1 <= len(chosen) <= 3 and set(chosen) <= {t.slug for t in topics}


@pytest.mark.skipif(not (REPO.parent / "shared" / "ingest-eval" / "score.py").is_file(),
                    reason="needs ../shared/ingest-eval")
def test_the_shipped_model_is_what_the_script_fits() -> None:
    """A change to the features, the settings or the training data without a refit fails here."""
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(REPO / "scripts"))
    from fit_topic_model import examples, fit, training_digests

    config = load_config(REPO)
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        shipped = json.load(handle)
    assert json.loads(json.dumps(fit(examples(training_digests(), config), config))) == shipped


def test_a_phrases_prefix_hits_are_found_as_the_plain_scan_finds_them():
    """_phrase_prefix_hits (the fast path for phrases) agrees with _prefix_hits on phrases made
    from every prefix term of the shipped vocabulary, cut and extended in every way, where the
    prefix found runs past the first word; a prefix within the first word is not a phrase's."""
    from site_builder.ingest.topics import _matcher, _phrase_prefix_hits, _prefix_hits

    def plain(matcher, phrase: str, first: int) -> tuple:
        """_prefix_hits, without the prefix terms no longer than the first word."""
        for length in matcher.prefix_lengths:
            if first < length <= len(phrase) and matcher.prefix.get(phrase[:length]):
                return matcher.prefix[phrase[:length]]
        return ()

    matcher = _matcher(load_config(Path(__file__).resolve().parents[2]).topics)
    phrases = set()
    for term in matcher.prefix:
        for tail in ("", "s", "ing world", " of the year", " x", "ed to"):
            phrase = term + tail
            if " " in phrase:
                phrases.add(phrase)
            phrases.add("the " + phrase)
            phrases.add(phrase.split(" ")[0] + " news today")
    assert len(phrases) > 1000
    found = 0
    for phrase in sorted(phrases):
        first = phrase.index(" ")
        expected = plain(matcher, phrase, first)
        assert _phrase_prefix_hits(matcher, phrase, first) == expected, phrase
        found += bool(expected)
        if expected:
            assert expected == _prefix_hits(matcher, phrase), phrase   # the longest prefix, as before
    assert found > 100   # phrases that do hit were compared, not only misses
