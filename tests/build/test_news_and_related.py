"""The Google News sitemap (stories of the last two days) and related stories, through the CLI."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import lxml.etree
import lxml.html

from tests.support.sites import make_site, run_cli
from tests.support.validators import validate_robots, validate_sitemap

NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _write_story(site, name: str, title: str, when: datetime, topics: str = "[politics]",
                 people: str = "[]") -> None:
    folder = site / "content" / "articles" / when.strftime("%Y") / when.strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        f"---\ntitle: \"{title}\"\ndate: {when.isoformat()}\ntopics: {topics}\nregions: [europe]\n"
        f"people: {people}\nsummary: A summary.\n---\nBody of {title}.\n", encoding="utf-8")


def test_news_sitemap_lists_only_recent_stories_and_is_valid(tmp_path):
    site = make_site(tmp_path / "s")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _write_story(site, "fresh", "A fresh story <from today>", now - timedelta(hours=3))
    _write_story(site, "yesterday", "A story from yesterday", now - timedelta(hours=30))
    _write_story(site, "stale", "A story from last week", now - timedelta(days=6))
    assert run_cli("build", "--site", site).returncode == 0
    out = site / "output"
    data = (out / "news-sitemap.xml").read_bytes()
    assert validate_sitemap(data) == []
    doc = lxml.etree.fromstring(data)
    titles = [t.text for t in doc.iter(f"{NEWS}title")]
    assert titles == ["A fresh story <from today>", "A story from yesterday"]   # newest first, escaped in XML
    assert {lang.text for lang in doc.iter(f"{NEWS}language")} == {"en"}
    for loc in doc.iter(f"{SITEMAP}loc"):
        assert loc.text.startswith("https://example.org/news/")
        assert (out / loc.text.removeprefix("https://example.org/news/")).is_file()
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/news/news-sitemap.xml" in robots
    assert validate_robots(robots, "https://example.org/news/") == []


def test_no_recent_story_means_no_news_sitemap(tmp_path):
    site = make_site(tmp_path / "s")    # the fixture's stories are from 2025
    assert run_cli("build", "--site", site).returncode == 0
    assert not (site / "output" / "news-sitemap.xml").exists()
    assert "news-sitemap" not in (site / "output" / "robots.txt").read_text(encoding="utf-8")


def test_chinese_sites_get_google_news_language_codes(tmp_path):
    from site_builder.render import news_language

    assert news_language("zh-TW") == "zh-tw"
    assert news_language("zh-Hant-HK") == "zh-tw"
    assert news_language("zh-Hans") == "zh-cn"
    assert news_language("zh") == "zh-cn"
    assert news_language("en-GB") == "en"


def test_related_stories_prefer_shared_people_and_are_stable(tmp_path):
    site = make_site(tmp_path / "s")
    base = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    _write_story(site, "a", "Minister Ana Lopez resigns", base, "[politics]", "[Ana Lopez]")
    _write_story(site, "b", "Ana Lopez to face inquiry", base - timedelta(hours=2), "[crime-law-justice]",
                 "[Ana Lopez]")
    _write_story(site, "c", "Unrelated sports result", base - timedelta(hours=3), "[sport]")
    assert run_cli("build", "--site", site).returncode == 0
    page = site / "output" / "2025" / "03" / "03" / "minister-ana-lopez-resigns.html"
    first = page.read_bytes()
    doc = lxml.html.fromstring(first)
    related = [a.text_content().strip() for a in doc.cssselect(".related a")]
    assert related, "no related stories shown"
    assert related[0] == "Ana Lopez to face inquiry"     # a shared person outweighs anything else
    assert "Unrelated sports result" not in related
    assert run_cli("build", "--site", site).returncode == 0
    assert page.read_bytes() == first


def test_editing_a_related_story_updates_the_page_that_lists_it(tmp_path):
    site = make_site(tmp_path / "s")
    base = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    _write_story(site, "a", "Minister Ana Lopez resigns", base, "[politics]", "[Ana Lopez]")
    _write_story(site, "b", "Ana Lopez to face inquiry", base - timedelta(hours=2), "[politics]", "[Ana Lopez]")
    assert run_cli("build", "--site", site).returncode == 0
    story = site / "content" / "articles" / "2025" / "2025-03-03" / "b.md"
    story.write_text(story.read_text(encoding="utf-8").replace("title: \"Ana Lopez to face inquiry\"",
                                                                "title: \"Inquiry opens into Ana Lopez\"\nslug: ana-lopez-to-face-inquiry"),
                     encoding="utf-8")
    assert run_cli("build", "--site", site).returncode == 0
    page = (site / "output" / "2025" / "03" / "03" / "minister-ana-lopez-resigns.html").read_text(encoding="utf-8")
    assert "Inquiry opens into Ana Lopez" in page


def _rendered(result) -> int:
    return int(result.stdout.rsplit("rendered ", 1)[1].split(",", 1)[0])


def test_a_body_edit_rerenders_the_story_and_feeds_but_not_the_listings(tmp_path):
    site = make_site(tmp_path / "s")
    base = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    _write_story(site, "a", "Port strike enters second week", base)
    _write_story(site, "b", "Ferry services resume", base - timedelta(hours=2))
    assert run_cli("build", "--site", site).returncode == 0
    story = site / "content" / "articles" / "2025" / "2025-03-03" / "a.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nDockers voted on Tuesday.\n", encoding="utf-8")
    body_edit = run_cli("build", "--site", site)
    assert body_edit.returncode == 0, body_edit.stderr
    out = site / "output"
    assert "Dockers voted on Tuesday." in (out / "2025" / "03" / "03" / "port-strike-enters-second-week.html").read_text(encoding="utf-8")
    assert "Dockers voted on Tuesday." in (out / "feed.xml").read_text(encoding="utf-8")
    # The summary is what listings show: changing it re-renders them, and they show it.
    story.write_text(story.read_text(encoding="utf-8").replace("summary: A summary.", "summary: Talks fail."),
                     encoding="utf-8")
    summary_edit = run_cli("build", "--site", site)
    assert summary_edit.returncode == 0, summary_edit.stderr
    assert "Talks fail." in (out / "index.html").read_text(encoding="utf-8")
    assert _rendered(body_edit) < _rendered(summary_edit)


def test_a_title_taken_from_the_body_reaches_the_listings_when_the_body_changes(tmp_path):
    site = make_site(tmp_path / "s")
    folder = site / "content" / "articles" / "2025" / "2025-03-03"
    folder.mkdir(parents=True, exist_ok=True)
    story = folder / "untitled.md"
    story.write_text("---\ndate: 2025-03-03T09:00:00+00:00\ntopics: [politics]\nslug: budget-vote\n---\nCouncil approves budget\n\nMore.\n",
                     encoding="utf-8")
    assert run_cli("build", "--site", site).returncode == 0
    story.write_text(story.read_text(encoding="utf-8").replace("Council approves budget", "Council rejects budget"),
                     encoding="utf-8")
    assert run_cli("build", "--site", site).returncode == 0
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Council rejects budget" in home and "Council approves budget" not in home


def _tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_body_only_edits_take_the_short_path_and_match_a_clean_build(tmp_path):
    site = make_site(tmp_path / "s")
    base = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    for n in range(6):
        _write_story(site, f"s{n}", f"Story number {n}", base - timedelta(hours=n), "[politics]" if n % 2 else "[economy]")
    assert run_cli("build", "--site", site).returncode == 0
    folder = site / "content" / "articles" / "2025" / "2025-03-03"
    for name in ("s0.md", "s3.md"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph with a [link](../other/).\n",
                        encoding="utf-8")
    short = run_cli("build", "--site", site)
    assert short.returncode == 0, short.stderr
    assert "only the text of 2 stories changed" in short.stdout
    clean = tmp_path / "clean"
    assert run_cli("build", "--site", site, "--output", clean, "--jobs", "1").returncode == 0
    assert _tree(site / "output") == _tree(clean)
    # A retitled story changes listings: the whole site is planned again.
    path = folder / "s4.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Story number 4", "Story renamed"), encoding="utf-8")
    full = run_cli("build", "--site", site)
    assert full.returncode == 0 and "only the text of" not in full.stdout
    assert (site / "output" / "2025" / "03" / "03" / "story-renamed.html").is_file()
    # So does a body edit together with a new story.
    path = folder / "s1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    _write_story(site, "s9", "A late story", base + timedelta(hours=1))
    added = run_cli("build", "--site", site)
    assert added.returncode == 0 and "only the text of" not in added.stdout
    assert (site / "output" / "2025" / "03" / "03" / "a-late-story.html").is_file()
    clean = tmp_path / "clean2"
    assert run_cli("build", "--site", site, "--output", clean, "--jobs", "1").returncode == 0
    assert _tree(site / "output") == _tree(clean)


def test_the_short_path_is_not_fooled_by_a_build_into_another_folder(tmp_path):
    # The article cache is shared by every output folder; output/ must be judged against the
    # files it was last built from, not those another folder's build cached since.
    site = make_site(tmp_path / "s")
    base = datetime(2025, 3, 3, 9, tzinfo=timezone.utc)
    _write_story(site, "x", "Original headline", base)
    assert run_cli("build", "--site", site).returncode == 0
    story = site / "content" / "articles" / "2025" / "2025-03-03" / "x.md"
    story.write_text(story.read_text(encoding="utf-8").replace("title: \"Original headline\"",
                                                                "title: \"Changed headline\"\nslug: x"), encoding="utf-8")
    assert run_cli("build", "--site", site, "--output", tmp_path / "other").returncode == 0
    story.write_text(story.read_text(encoding="utf-8") + "\nA later paragraph.\n", encoding="utf-8")
    again = run_cli("build", "--site", site)
    assert again.returncode == 0 and "only the text of" not in again.stdout
    clean = tmp_path / "clean"
    assert run_cli("build", "--site", site, "--output", clean, "--jobs", "1").returncode == 0
    assert _tree(site / "output") == _tree(clean)
