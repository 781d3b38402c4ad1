"""The catalogue, part 6: nothing lost, nothing leaked (issue 12 §3–§5 and the lower items).

Two ingests at once into one content/, same-named digests, repeated stories, symlinks that
leave the site, and the small ones: --jobs, --output inside a source folder, site_url with a
password, the umask, zero-width characters in names. Through the CLI unless said otherwise.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import (
    article_text,
    build,
    check_outputs,
    put,
    snapshot,
)
from tests.support.sites import make_site, run_cli

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "content" / "digests" / "2025-04-26.txt"
DAY = "2025-04-26"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def _articles(site: Path, day: str = DAY) -> list[Path]:
    return sorted((site / "content" / "articles" / day[:4] / day).glob("*.md"))


def _all_articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").rglob("*.md"))


def _source(path: Path) -> str:
    match = re.search(r"^source:\n  digest: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, path
    return match.group(1).strip('"')


def _digest_b() -> str:
    """The seed digest with every line changed at its end: the same titles (so the same file
    names), other text (so no story is a duplicate of the seed's)."""
    return _marked(SEED.read_text(encoding="utf-8"), " Reported by desk B.")


def _marked(text: str, mark: str) -> str:
    return "".join(line.rstrip("\n") + mark + "\n" if line.strip() else line
                   for line in text.splitlines(keepends=True))


def _copies(mark: str, copies: int) -> str:
    """The seed's stories many times over, each copy's lines marked apart: many stories whose
    titles, and so file names, two such digests share."""
    seed = SEED.read_text(encoding="utf-8")
    return "\n".join(_marked(seed, f" (copy {n}){mark}") for n in range(copies))


# ---- §3 one writer at a time ------------------------------------------------------------------

def _words(text: str) -> str:
    """Words only (Markdown escapes and front-matter quoting aside)."""
    return " ".join(re.findall(r"\w+", text))


def _reported_paths(stdout: str) -> list[str]:
    return re.findall(r": wrote (\S+\.md)$", stdout, re.M)


COPIES = 20


@pytest.mark.parametrize("trial", range(8))
def test_two_ingests_at_once_lose_no_story_and_report_truly(tmp_path, trial):
    """Without the lock and the create-exclusive claim the two runs chose the same free names
    and one overwrote the other's stories, both saying '5 written' (5 of 10 trials lost stories)."""
    site = make_site(tmp_path / "site")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # Big enough (about 150 stories each) that the two runs' writes overlap.
    (inbox / "a.txt").write_text(_copies("", COPIES), encoding="utf-8")
    (inbox / "b.txt").write_text(_copies(" Reported by desk B.", COPIES), encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "site_builder", "ingest", str(inbox / name), "--site", str(site),
                              "--date", DAY], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("a.txt", "b.txt")]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "Traceback" not in err
        assert re.search(r"^ingest: \d+ written, 0 unchanged", out, re.M), out
    counts = [int(re.search(r"^ingest: (\d+) written", out, re.M)[1]) for out, _ in outputs]
    articles = _articles(site)
    assert len(articles) == sum(counts), (counts, len(articles))
    # Each run's report is true: every file it says it wrote is there, and holds its digest's text.
    def digest_of(path: Path) -> str:
        return "b.txt" if "Reported by desk B." in path.read_text(encoding="utf-8") else "a.txt"

    for name, (out, _) in zip(("a.txt", "b.txt"), outputs):
        reported = _reported_paths(out)
        assert len(set(reported)) == counts[0 if name == "a.txt" else 1]
        for rel in reported:
            assert digest_of(site / rel) == name, rel
    # No story lost: every line of both digests is in an article of its own digest.
    texts = {name: _words(" ".join(p.read_text(encoding="utf-8") for p in articles if digest_of(p) == name))
             for name in ("a.txt", "b.txt")}
    # A line's last word and its copy mark (and desk B's mark) tell it from every other line.
    for name, tail in (("a.txt", 3), ("b.txt", 7)):
        for line in (inbox / name).read_text(encoding="utf-8").splitlines():
            words = _words(line).split()
            if words:
                assert " ".join(words[-tail:]) in texts[name], (name, line[:60])


def test_a_second_ingest_waits_and_says_who_holds_the_lock(site, tmp_path):
    """While another process holds the content lock, ingest waits, naming that process's pid and
    command, and then does its work (without the lock it wrote at once)."""
    from site_builder.config import load_config
    from site_builder.ingest.ledger import lock_content

    digest = tmp_path / "2025-04-26.txt"
    digest.write_bytes(SEED.read_bytes())
    with lock_content(load_config(site)):
        run = subprocess.Popen([sys.executable, "-m", "site_builder", "ingest", str(digest), "--site", str(site)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert run.poll() is None, run.communicate()
        assert _articles(site) == []
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert f"pid {os.getpid()}" in err and "is writing there" in err, err
    assert len(_articles(site)) == 5


def test_claiming_a_name_is_create_exclusive(tmp_path):
    """A name another writer created between our look and our write is never overwritten."""
    from site_builder.ingest.article_files import place_article

    target = tmp_path / "story.md"
    assert place_article(target, b"first", dry_run=False).action == "written"
    # An ingest-owned file of another digest is there now: replacing it would lose its story.
    from site_builder.ingest.article_files import render_article

    theirs = render_article({"title": "T", "source": {"digest": "theirs.txt", "lines": [1, 1]}}, "Theirs.\n")
    other = tmp_path / "other.md"
    other.write_bytes(theirs)
    mine = render_article({"title": "T", "source": {"digest": "mine.txt", "lines": [1, 1]}}, "Mine.\n")
    assert place_article(other, mine, dry_run=False, owner="mine.txt").action == "taken"
    assert other.read_bytes() == theirs


# ---- §4 same-named digests, repeated stories ---------------------------------------------------

def test_same_named_digests_in_two_folders_are_two_digests(site):
    """content/digests/2024-04-04.txt and other/2024-04-04.txt: ingesting the second removed the
    first's stories ('no story claims it now'), and the next build removed the second's."""
    first = site / "content" / "digests" / "2024-04-04.txt"
    first.parent.mkdir(parents=True)
    first.write_bytes(SEED.read_bytes())
    other = site / "other" / "2024-04-04.txt"
    other.parent.mkdir()
    other.write_text(_digest_b(), encoding="utf-8")
    day = "2024-04-04"
    assert run_cli("ingest", first, "--site", site).returncode == 0
    mine = set(_articles(site, day))
    assert len(mine) == 5
    # How many stories the segmenter makes of desk B's text is not this test's business: every
    # one of them must be added beside the first digest's five, none replacing another.
    planned = run_cli("ingest", other, "--site", site, "--dry-run", "--json")
    theirs = len(json.loads(planned.stdout)["segments"])
    assert theirs >= 5
    result = run_cli("ingest", other, "--site", site)
    assert result.returncode == 0, result.stderr
    assert "removed" not in result.stdout, result.stdout
    assert mine <= set(_articles(site, day)) and len(_articles(site, day)) == 5 + theirs
    assert {_source(p) for p in _articles(site, day)} == {"2024-04-04.txt", "./other/2024-04-04.txt"}
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    assert len(_articles(site, day)) == 5 + theirs, result.stdout
    assert "removed content/" not in result.stdout


def test_the_same_stories_under_another_date_or_name_are_not_written_twice(site, tmp_path):
    """The seed ingested again as inbox/2025-04-27.txt: five silent duplicates before; now a
    warning per story naming both files, and nothing written."""
    digest = site / "content" / "digests" / "2025-04-26.txt"
    digest.parent.mkdir(parents=True)
    digest.write_bytes(SEED.read_bytes())
    assert run_cli("ingest", digest, "--site", site).returncode == 0
    before = snapshot(site / "content" / "articles")
    again = tmp_path / "inbox" / "2025-04-27.txt"
    again.parent.mkdir()
    again.write_bytes(SEED.read_bytes())
    result = run_cli("ingest", again, "--site", site)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 5, result.stdout
    for line in warnings:
        assert str(again) in line and "content/articles/2025/2025-04-26/" in line and "same text" in line
    assert "5 not written as duplicates" in result.stdout
    assert snapshot(site / "content" / "articles") == before
    # The same digest under another --date is the same case.
    result = run_cli("ingest", digest, "--site", site, "--date", "2025-05-01")
    assert "5 not written as duplicates" in result.stdout
    assert snapshot(site / "content" / "articles") == before


def test_a_digest_keeps_its_own_article_when_another_has_the_same_text(site):
    """A copy of one of its stories made earlier (another digest, an earlier day, first in path
    order) must not make re-ingesting the digest remove its own article as a repeat."""
    digest = site / "content" / "digests" / "2025-04-26.txt"
    digest.parent.mkdir(parents=True)
    digest.write_bytes(SEED.read_bytes())
    assert run_cli("ingest", digest, "--site", site).returncode == 0
    mine = _articles(site)
    copy = site / "content" / "articles" / "2025" / "2025-04-25" / mine[0].name
    copy.parent.mkdir()
    copy.write_text(mine[0].read_text(encoding="utf-8").replace("digest: \"2025-04-26.txt\"",
                                                                 "digest: other.txt").replace(
                                                                     "digest: 2025-04-26.txt", "digest: other.txt"),
                    encoding="utf-8")
    assert _source(copy) == "other.txt"
    result = run_cli("ingest", digest, "--site", site)
    assert result.returncode == 0, result.stderr
    assert "ingest: 0 written, 5 unchanged" in result.stdout and "removed" not in result.stdout, result.stdout
    assert _articles(site) == mine


# ---- §5 nothing from outside the site is published ---------------------------------------------

def test_symlinks_leaving_the_site_are_skipped_with_a_warning(site, tmp_path):
    """static/env.txt -> /proc/self/environ published the build's environment variables, and a
    symlinked .md outside the site became a story. Both are skipped now, each with a warning
    naming it; symlinks inside the site keep working."""
    static = site / "static"
    static.mkdir(exist_ok=True)
    (static / "env.txt").symlink_to("/proc/self/environ")
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "secret.css").write_text("/* SECRET-STYLE */", encoding="utf-8")
    (static / "secret.css").symlink_to(outside_dir / "secret.css")
    (static / "linked-dir").symlink_to(outside_dir)
    outside = outside_dir / "outside.md"
    outside.write_text(article_text("Secret outside text.\n", title="Outside story"), encoding="utf-8")
    (site / "content" / "articles" / "2025" / "outside.md").symlink_to(outside)
    # Inside the site: both kinds keep working.
    notes = site / "notes"
    notes.mkdir()
    (notes / "shared.css").write_text("/* SHARED-STYLE */", encoding="utf-8")
    (static / "shared.css").symlink_to(Path("..") / "notes" / "shared.css")
    (notes / "inside.md").write_text(article_text("Inside linked text.\n", title="Inside linked story"),
                                     encoding="utf-8")
    (site / "content" / "articles" / "2025" / "inside.md").symlink_to(Path("..") / ".." / ".." / "notes" / "inside.md")
    os.environ["SITE_BUILDER_TEST_SECRET"] = "hunter2-do-not-publish"
    try:
        result = build(site)
    finally:
        del os.environ["SITE_BUILDER_TEST_SECRET"]
    assert result.returncode == 0, result.stderr
    for name in ("static/env.txt", "static/secret.css", "static/linked-dir", "content/articles/2025/outside.md"):
        assert re.search(rf"^warning: {re.escape(name)}: is a symlink to .*outside the site folder: skipped",
                         result.stderr, re.M), (name, result.stderr)
    output = site / "output"
    published = b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
    assert b"hunter2" not in published and b"SECRET-STYLE" not in published
    assert b"Secret outside text" not in published
    assert not (output / "static" / "env.txt").exists()
    assert b"SHARED-STYLE" in (output / "static" / "shared.css").read_bytes()
    assert b"Inside linked text" in published
    assert check_outputs(output) == []


def test_a_symlink_loop_in_content_is_a_one_line_error(site):
    """content/articles/loop.md -> loop.md was an OSError traceback from scan_articles."""
    (site / "content" / "articles" / "loop.md").symlink_to("loop.md")
    before = snapshot(site / "content")
    result = build(site)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: content/articles/loop.md: is a symlink loop (it leads back to itself): "
                     "remove it or point it at a file"], result.stderr
    assert snapshot(site / "content") == before


def test_a_symlink_loop_as_a_digest_is_a_one_line_error(site, tmp_path):
    """`ingest loop.txt` (loop.txt -> loop.txt) was a RuntimeError traceback from Path.resolve;
    the same loop in content/digests/ stops a build with one line."""
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    result = run_cli("ingest", loop, "--site", site)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {loop}: is a symlink loop (it leads back to itself): remove it or " \
                                    "point it at a file"
    digests = site / "content" / "digests"
    digests.mkdir(parents=True)
    (digests / "2025-04-26.txt").symlink_to("2025-04-26.txt")
    result = run_cli("build", "--site", site)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: content/digests/2025-04-26.txt: is a symlink loop (it leads back to " \
                                    "itself): remove it or point it at a file"


def test_a_digest_symlinked_from_outside_the_site_is_not_ingested(site, tmp_path):
    """content/digests/x.txt -> a file outside the site was ingested into a story by build."""
    outside = tmp_path / "private.txt"
    outside.write_bytes(SEED.read_bytes())
    digests = site / "content" / "digests"
    digests.mkdir(parents=True)
    (digests / "2025-04-26.txt").symlink_to(outside)
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    assert "content/digests/2025-04-26.txt: is a symlink to" in result.stdout, result.stdout
    assert _articles(site) == []


# ---- the lower items ---------------------------------------------------------------------------

def test_jobs_above_the_cores_is_capped_with_a_warning(site):
    """--jobs 512 started 512 processes on a 2-core machine; --jobs -1 was a ValueError traceback."""
    result = build(site, "--jobs", "512")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^warning: --jobs 512 is more than the \d+ core\(s\) here; using \d+$", result.stderr, re.M), \
        result.stderr
    result = build(site, "--jobs", "-1")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --jobs must be 1 or more, not -1"


@pytest.mark.parametrize("inside", ["static/site", "content/out", "theme/built", "templates/out"])
def test_output_inside_a_source_folder_is_refused(site, inside):
    """--output static/site published the site into its own static/ (and into itself again on
    every build); inside theme/ or content/ the clean-up could delete their files."""
    (site / inside.split("/")[0]).mkdir(exist_ok=True)
    before = snapshot(site)
    result = build(site, "--output", site / inside)
    assert result.returncode == 1
    assert re.fullmatch(rf"error: .*{re.escape(inside)}: refusing to build into .*: it is inside the site's "
                        rf"{inside.split('/')[0]}/ folder[^\n]*\n", result.stderr), result.stderr
    assert snapshot(site) == before
    assert not (site / inside).exists()


@pytest.mark.parametrize("url, needle", [
    ("https://editor:hunter2@example.com/news/", "must not contain a user name or password"),
    ("https://exa mple.com/", "is not a valid host name"),
    ("https://-bad-.example/", "is not a valid host name"),
    ("https://999.1.1.1/", "is not a valid IPv4 address"),
    ("https://example.com:99999/", "is not a number from 1 to 65535"),
    ("http://[zz]/", "is not a valid URL"),
])
def test_site_url_with_a_password_or_a_bad_host_is_refused(site, url, needle):
    """user:pass@ was published in every canonical link and feed; a bad host gave pages no
    browser can reach; an invalid [IPv6] host was a ValueError traceback from urlsplit."""
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url:.*$", f'site_url: "{url}"', text, flags=re.M), encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    assert needle in result.stderr and "config value 'site_url'" in result.stderr, result.stderr
    assert "hunter2" not in result.stderr   # the password is not echoed into logs
    assert not (site / "output").exists()
    # --base-url is checked the same way.
    config.write_text(text, encoding="utf-8")
    result = build(site, "--base-url", url)
    assert result.returncode == 1 and needle in result.stderr, result.stderr


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_ingested_articles_follow_the_umask(site, tmp_path, umask, mode):
    """mkstemp's 0600 made every ingested article unreadable to the web server's or a colleague's account."""
    digest = tmp_path / "2025-04-26.txt"
    digest.write_bytes(SEED.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "site_builder", "ingest", str(digest), "--site", str(site)],
                          capture_output=True, text=True, preexec_fn=lambda: os.umask(umask), timeout=300)
    assert proc.returncode == 0, proc.stderr
    articles = _articles(site)
    assert articles
    assert {stat.S_IMODE(p.stat().st_mode) for p in articles} == {mode}


def test_a_zero_width_character_does_not_make_a_second_tag_page(site):
    """'Ali\\u200bce Smith' made a page 'ali-ce-smith' beside 'alice-smith', both labelled
    'Alice Smith' to the eye; 'poli\\u200btics' made a topic 'poli-tics'."""
    folder = Path("content") / "articles" / "2025" / "2025-03-02"
    put(site, "zw-1.md", article_text("One.\n", title="Plain names", people=["Alice Smith"],
                                      organizations=["Harbour Board"], topics=["politics"]), folder)
    put(site, "zw-2.md", article_text("Two.\n", title="Hidden characters",
                                      people=["Ali\u200bce Smith", "Alice\u2060 Smith\ufeff"],
                                      organizations=["Harbour\u200d Board"], topics=["poli\u200btics"]), folder)
    put(site, "zw-3.md", article_text("Three.\n", title="Decomposed", people=["Jose\u0301 Smith"]), folder)
    put(site, "zw-4.md", article_text("Four.\n", title="Composed", people=["Jos\u00e9 Smith"]), folder)
    result = build(site)
    assert result.returncode == 0, result.stderr
    output = site / "output"
    people = sorted(p.name for p in (output / "people").iterdir() if p.is_dir())
    assert "alice-smith" in people and "jose-smith" in people
    assert not [p for p in people if p.startswith(("ali-ce", "alice-smith-", "jos-e"))], people
    orgs = sorted(p.name for p in (output / "organizations").iterdir() if p.is_dir())
    assert "harbour-board" in orgs and len([o for o in orgs if o.startswith("harbour")]) == 1, orgs
    topics = sorted(p.name for p in (output / "topics").iterdir() if p.is_dir())
    assert "poli-tics" not in topics and "politics" in topics
    page = (output / "people" / "alice-smith" / "index.html").read_text(encoding="utf-8")
    assert "Alice Smith" in page and "\u200b" not in page and "\u2060" not in page
    # Each story lists the person once, by the clean name.
    story = next(output.rglob("hidden-characters.html")).read_text(encoding="utf-8")
    assert story.count("/people/alice-smith/") == 1 and "\u200b" not in story
    assert check_outputs(output) == []


def test_a_template_linked_outside_the_site_is_refused(site, tmp_path):
    """theme/templates/404.html -> a file outside the site was rendered into output/404.html."""
    outside = tmp_path / "elsewhere.html"
    outside.write_text("SECRET-TEMPLATE {{ site.title }}", encoding="utf-8")
    template = site / "theme" / "templates" / "404.html"
    template.unlink()
    template.symlink_to(outside)
    result = build(site)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {template}: is a symlink to {outside.resolve()}, outside the site folder: a template is not "
        "read from there (copy it into the theme)"], result.stderr
    assert not (site / "output").exists()
    # A link inside the site is a template like any other.
    own = site / "notes" / "404.html"
    own.parent.mkdir()
    own.write_text("OWN-404 {{ site.title }}", encoding="utf-8")
    template.unlink()
    template.symlink_to(Path("..") / ".." / "notes" / "404.html")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert "OWN-404" in (site / "output" / "404.html").read_text(encoding="utf-8")
