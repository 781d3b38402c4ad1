"""The catalogue, part 4: bad digests, through `site-builder ingest` (and a build after it).

A digest that cannot be read gives exit 1 and an error naming the file and line, and writes no
article. One that can be read gives one article per story, each a file that parses, and no
word of the digest is lost.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.hostile.conftest import build, check_outputs, snapshot
from tests.support.sites import make_site, run_cli

SEED = Path("/work/shared/seed-digest.txt")
REPO = Path(__file__).resolve().parents[2]
SEED_COPY = REPO / "content" / "digests" / "2025-04-26.txt"
DAY = "2025-04-26"


def _seed() -> bytes:
    for path in (SEED_COPY, SEED):
        if path.is_file():
            return path.read_bytes()
    pytest.skip("no sample digest")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def _ingest(site: Path, name: str, data: bytes, *args: str):
    digest = site / "content" / "digests" / name
    digest.parent.mkdir(parents=True, exist_ok=True)
    digest.write_bytes(data)
    return run_cli("ingest", digest, "--site", site, "--date", DAY, *args)


def _articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles" / "2025" / DAY).glob("*.md"))


def _parse_all(site: Path) -> list:
    from site_builder.content import parse_article

    parsed = []
    for path in _articles(site):
        article, _ = parse_article(path.name, path.read_bytes(), ZoneInfo("Europe/London"))
        parsed.append((path, article))
    return parsed


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def _assert_no_word_lost(site: Path, digest_text: str) -> None:
    written = " ".join(p.read_text(encoding="utf-8").replace("\\", "") for p in _articles(site))
    lost = _words(digest_text) - _words(written)
    assert not lost, sorted(lost)[:20]


# ---- refused ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, needles", [
    ("latin-1.txt", "First line is fine.\n\nCaf\xe9 society in Taipei.\n".encode("latin-1"),
     ("latin-1.txt:3:", "is not UTF-8", "byte 0xe9", "column 4")),
    ("latin-1-cr.txt", "One\rTwo\rCaf\xe9\r".encode("latin-1"), ("latin-1-cr.txt:3:", "byte 0xe9")),
    ("utf-16.txt", "A story in Taipei.\n".encode("utf-16"), ("utf-16.txt:1:", "UTF-16", "save it as UTF-8")),
    ("empty.txt", b"", ("empty.txt: is empty",)),
    ("blank.txt", b"\n \n\t\r\n\xc2\xa0\n", ("blank.txt: is empty",)),
    ("controls-only.txt", b"\x00\x01\x02\n\x7f\n", ("controls-only.txt: is empty",)),
], ids=["latin-1", "latin-1-lone-cr", "utf-16", "empty", "blank-lines", "only-control-chars"])
def test_an_unreadable_digest_is_refused_and_writes_nothing(site: Path, name: str, data: bytes, needles):
    result = _ingest(site, name, data)
    assert result.returncode == 1, result.stdout
    for needle in needles:
        assert needle in result.stderr, result.stderr
    assert _articles(site) == []


def test_a_missing_digest_and_a_folder_are_refused(site: Path):
    missing = run_cli("ingest", site / "nope.txt", "--site", site)
    assert missing.returncode == 1 and "nope.txt: not found" in missing.stderr
    folder = run_cli("ingest", site / "content", "--site", site)
    assert folder.returncode == 1 and "is a folder" in folder.stderr


def test_one_bad_digest_among_good_ones_writes_nothing(site: Path):
    good = site / "content" / "digests" / "2025-04-26.txt"
    good.parent.mkdir(parents=True)
    good.write_bytes(_seed())
    bad = site / "content" / "digests" / "2025-04-27.txt"
    bad.write_bytes(b"ok\n\xff\n")
    result = run_cli("ingest", good, bad, "--site", site)
    assert result.returncode == 1 and "2025-04-27.txt:2:" in result.stderr
    assert _articles(site) == []


def test_a_50_mb_digest_is_refused_in_bounded_memory(site: Path, tmp_path: Path):
    digest = tmp_path / "2025-04-26.txt"
    story = _seed()
    with open(digest, "wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(story)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-m", "site_builder", "ingest", str(digest), "--site", str(site)],
                          capture_output=True, text=True, timeout=600)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "a digest may be at most 32 MB (split it into several files)" in proc.stderr
    assert _articles(site) == []
    # ru_maxrss of children is the largest child so far: only meaningful if this one set it.
    if peak_kb > before:
        print(f"peak RSS of `ingest` on a 50 MB digest: {peak_kb / 1024:.0f} MB")
        assert peak_kb < 200 * 1024, "the digest was read into memory before its size was checked"


# ---- accepted -------------------------------------------------------------------------------

def test_the_sample_digest_loses_no_word(site: Path):
    data = _seed()
    result = _ingest(site, "2025-04-26.txt", data)
    assert result.returncode == 0, result.stderr
    assert len(_parse_all(site)) >= 5
    _assert_no_word_lost(site, data.decode("utf-8"))


@pytest.mark.parametrize("transform", [
    lambda b: b"\xef\xbb\xbf" + b,
    lambda b: b.replace(b"\n", b"\r\n"),
    lambda b: b.replace(b"\n", b"\r"),
    lambda b: b.replace(b"\n\n", b"\r\n\n", 3).replace(b"\n", b"\r", 5),
], ids=["bom", "crlf", "lone-cr", "mixed"])
def test_bom_and_line_ends_give_the_same_stories(site: Path, tmp_path: Path, transform):
    plain = make_site(tmp_path / "plain")
    assert _ingest(plain, "2025-04-26.txt", _seed()).returncode == 0
    result = _ingest(site, "2025-04-26.txt", transform(_seed()))
    assert result.returncode == 0, result.stderr
    expected = [(p.name, a.title, a.body, a.source) for p, a in _parse_all(plain)]
    assert [(p.name, a.title, a.body, a.source) for p, a in _parse_all(site)] == expected


def test_nul_and_control_characters_never_reach_articles_or_feeds(site: Path):
    data = _seed()
    dirty = data.replace(b". ", b".\x00 \x07", 20).replace(b"Taiwan", b"Tai\x0bwan\x1b", 5) + b"\x00\x01\n"
    result = _ingest(site, "2025-04-26.txt", dirty)
    assert result.returncode == 0, result.stderr
    for path in _articles(site):
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_bytes()), path
    built = build(site)
    assert built.returncode == 0, built.stderr
    assert not check_outputs(site / "output")


def test_markup_in_a_digest_is_text_everywhere(site: Path):
    hostile = ("Officials in Taipei said on Monday that <script>alert(1)</script> and \"><img src=x "
               "onerror=alert(1)> were found in a report.\n\n[click](javascript:alert(1)) and "
               "<a href=\"javascript:alert(2)\">this</a> were quoted too, the ministry said.\n")
    result = _ingest(site, "2025-04-26.txt", hostile.encode())
    assert result.returncode == 0, result.stderr
    assert len(_parse_all(site)) == 1
    built = build(site)
    assert built.returncode == 0, built.stderr
    problems = check_outputs(site / "output")
    assert not problems, problems


def test_a_digest_of_only_photo_credits(site: Path):
    credits = b"Photo: EPA-EFE\n\nPhoto: CNA\n\n(Photo: Reuters)\n"
    result = _ingest(site, "2025-04-26.txt", credits)
    assert result.returncode == 0, result.stderr
    # Judged behaviour: no story text, so no article; if one is written, the credits are kept.
    parsed = _parse_all(site)
    if parsed:
        _assert_no_word_lost(site, credits.decode())


@pytest.mark.parametrize("space", ["\u2028", "\u2029", "\u1680", "\u205f", "\u3000", "\u00a0 \u200b"],
                         ids=["LSEP", "PSEP", "ogham", "math-space", "ideographic", "nbsp-zwsp"])
def test_lines_of_unusual_white_space_are_blank(site: Path, space: str):
    text = f"Officials in Taipei said on Monday the plan was approved.\n\n{space}\n\nA second story from Tainan.\n"
    result = _ingest(site, "2025-04-26.txt", text.encode())
    assert result.returncode == 0, result.stderr
    _assert_no_word_lost(site, text)


def test_one_megabyte_line_without_a_break(site: Path):
    line = ("word " * 200_000).encode()
    result = _ingest(site, "2025-04-26.txt", line)
    assert result.returncode == 0, result.stderr
    assert len(_parse_all(site)) == 1


def test_reingesting_keeps_what_a_person_edited(site: Path):
    data = _seed()
    assert _ingest(site, "2025-04-26.txt", data).returncode == 0
    edited = _articles(site)[0]
    text = edited.read_text(encoding="utf-8") + "\nAn editor's added paragraph.\n"
    edited.write_text(text, encoding="utf-8")
    again = _ingest(site, "2025-04-26.txt", data + b"\n\nA new story from Kaohsiung on Tuesday, police said.\n")
    assert again.returncode == 0, again.stderr
    assert edited.read_text(encoding="utf-8") == text
    assert "kept as edited" in again.stdout


def test_a_changed_digest_never_deletes_an_edited_article(site: Path):
    data = _seed()
    assert _ingest(site, "2025-04-26.txt", data).returncode == 0
    edited = _articles(site)[-1]
    text = edited.read_text(encoding="utf-8").replace("---\n\n", "---\n\nEDITED. ", 1)
    edited.write_text(text, encoding="utf-8")
    again = _ingest(site, "2025-04-26.txt", b"Only one story from Taipei is left today, officials said.\n")
    assert again.returncode == 0, again.stderr
    assert edited.is_file() and edited.read_text(encoding="utf-8") == text


def test_a_bad_digest_found_by_build_stops_it_before_output_changes(site: Path):
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site / "output")
    digests = site / "content" / "digests"
    digests.mkdir(parents=True, exist_ok=True)
    (digests / "2025-04-27.txt").write_bytes("Officials said.\n\nCaf\xe9 opened.\n".encode("latin-1"))
    result = run_cli("build", "--site", site)   # with ingest, as `site-builder build` runs by default
    assert result.returncode == 1, result.stdout
    assert "2025-04-27.txt:3:" in result.stderr and "byte 0xe9" in result.stderr
    assert snapshot(site / "output") == before
