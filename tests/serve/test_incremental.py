"""Incremental builds stay correct (issue 4): after any sequence of edits, deletions, renames, new
stories, config changes and theme changes, the incremental output equals a clean build of the
same sources, byte for byte. And a build with nothing to do writes nothing.

Builds run in-process (build_site) for speed; `now` is fixed so both builds see the same clock.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from site_builder.build import build_site
from site_builder.config import load_config
from site_builder.errors import SiteBuilderError
from tests.support.sites import make_site

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
TOPICS = ["politics", "sport", "weather", "economy-business-finance", "science-technology", "Harbour Life"]
REGIONS = ["europe", "east-asia", "north-america"]
DAYS = ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"]
SOURCES_IGNORED = shutil.ignore_patterns("output", ".site-builder", ".output.staging")

titles = st.text(alphabet="abcdefgh XYZ éü中文-'&<>\"", min_size=1, max_size=24).map(str.strip).filter(bool)
bodies = st.lists(st.sampled_from(["Harbour news.", "**Bold** claim.", "A [link](https://example.com/x).",
                                   "## Heading", "- item one\n- item two", "Text with <em>html</em> & more."]),
                  min_size=1, max_size=4).map("\n\n".join)
topic_lists = st.lists(st.sampled_from(TOPICS), max_size=3, unique=True)


def build(site: Path):
    return build_site(load_config(site), jobs=1, ingest=False, now=NOW)


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_output(incremental: Path, clean: Path) -> None:
    got, want = read_tree(incremental), read_tree(clean)
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    assert not missing and not extra, f"missing from the incremental output: {missing}; stale in it: {extra}"
    differing = [name for name in want if got[name] != want[name]]
    if differing:
        import difflib

        name = differing[0]
        diff = "\n".join(difflib.unified_diff(want[name].decode("utf-8", "replace").splitlines(),
                                              got[name].decode("utf-8", "replace").splitlines(),
                                              "clean/" + name, "incremental/" + name, lineterm="", n=1))
        raise AssertionError(f"{len(differing)} file(s) differ from a clean build: {differing[:10]}\n{diff[:3000]}")


def articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").rglob("*.md"))


def set_field(path: Path, key: str, value: str) -> None:
    """Replace (or add) one front-matter line; values are written as JSON, which is valid YAML."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    lines = [line for line in front.splitlines() if not line.startswith(f"{key}:")]
    lines.append(f"{key}: {value}")
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


def set_body(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    path.write_text("---\n" + front + "---\n" + body + "\n", encoding="utf-8")


def set_config(site: Path, key: str, value: str) -> None:
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    line = f"{key}: {value}"
    text = pattern.sub(line, text) if pattern.search(text) else text + line + "\n"
    config.write_text(text, encoding="utf-8")


class IncrementalBuilds(RuleBasedStateMachine):
    """One site built incrementally after every change, compared with a clean build each time."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sb-incremental-"))
        self.site = self.root / "site"
        self.counter = 0

    @initialize()
    def first_build(self) -> None:
        make_site(self.site)
        build(self.site)

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _pick(self, index: int) -> Path | None:
        found = articles(self.site)
        return found[index % len(found)] if found else None

    # ---- changes a writer makes ----

    @rule(index=st.integers(0, 50), title=titles)
    def edit_title(self, index: int, title: str) -> None:
        if path := self._pick(index):
            set_field(path, "title", json.dumps(title, ensure_ascii=False))

    @rule(index=st.integers(0, 50), body=bodies)
    def edit_body(self, index: int, body: str) -> None:
        if path := self._pick(index):
            set_body(path, body)

    @rule(index=st.integers(0, 50), topics=topic_lists, region=st.sampled_from(REGIONS))
    def edit_topics(self, index: int, topics: list[str], region: str) -> None:
        if path := self._pick(index):
            set_field(path, "topics", json.dumps(topics))
            set_field(path, "regions", json.dumps([region]))

    @rule(index=st.integers(0, 50), aliases=st.lists(st.sampled_from(["/old/a/", "/old/b.html", "/2025/03/01/gone.html",
                                                                       "/topics/"]), max_size=2, unique=True))
    def set_aliases(self, index: int, aliases: list[str]) -> None:
        # Two stories may claim one alias, or an alias a real page: both builds must refuse alike.
        if path := self._pick(index):
            set_field(path, "aliases", json.dumps(aliases))

    @rule(index=st.integers(0, 50), day=st.sampled_from(DAYS), hour=st.integers(0, 23), text=titles)
    def add_correction(self, index: int, day: str, hour: int, text: str) -> None:
        if path := self._pick(index):
            entry = {"date": f"{day}T{hour:02d}:45:00+00:00", "text": text}
            set_field(path, "corrections", json.dumps([entry], ensure_ascii=False))

    @rule(index=st.integers(0, 50))
    def delete(self, index: int) -> None:
        if (path := self._pick(index)) and len(articles(self.site)) > 1:
            path.unlink()

    @rule(index=st.integers(0, 50), day=st.sampled_from(DAYS))
    def rename(self, index: int, day: str) -> None:
        if path := self._pick(index):
            self.counter += 1
            target = self.site / "content" / "articles" / "2025" / day / f"renamed-{self.counter}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)

    @rule(title=titles, day=st.sampled_from(DAYS), hour=st.integers(0, 23), topics=topic_lists, body=bodies,
          slug=st.one_of(st.none(), st.sampled_from(["budget-vote", "fresh-story", "port-strike-talks-resume"])))
    def add_article(self, title: str, day: str, hour: int, topics: list[str], body: str, slug: str | None) -> None:
        self.counter += 1
        path = self.site / "content" / "articles" / "2025" / day / f"new-{self.counter}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = [f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {day}T{hour:02d}:15:00+00:00",
                 f"topics: {json.dumps(topics)}", "regions: [europe]"]
        if slug:
            front.append(f"slug: {slug}")
        path.write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n", encoding="utf-8")

    @rule(items=st.integers(1, 5))
    def change_items_per_page(self, items: int) -> None:
        set_config(self.site, "items_per_page", str(items))

    @rule(title=titles)
    def change_site_title(self, title: str) -> None:
        set_config(self.site, "title", json.dumps(title, ensure_ascii=False))

    @rule(marker=st.integers(0, 3))
    def change_theme_template(self, marker: int) -> None:
        template = self.site / "theme" / "templates" / "article.html"
        text = re.sub(r"<!-- v\d -->", "", template.read_text(encoding="utf-8"))
        template.write_text(text.replace("</article>", f"<!-- v{marker} --></article>", 1), encoding="utf-8")

    @rule(present=st.booleans())
    def toggle_site_override_template(self, present: bool) -> None:
        override = self.site / "templates" / "404.html"
        if present:
            override.parent.mkdir(exist_ok=True)
            theme = (self.site / "theme" / "templates" / "404.html").read_text(encoding="utf-8")
            override.write_text(theme.replace("</main>", "<p>Site override</p></main>", 1), encoding="utf-8")
        elif override.exists():
            override.unlink()

    # ---- the property ----

    @invariant()
    def incremental_equals_clean(self) -> None:
        if not (self.site / "output").exists():
            return  # before the first build
        incremental_error = clean_error = None
        try:
            build(self.site)
        except SiteBuilderError as exc:
            incremental_error = exc
        clean = self.root / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(self.site, clean, ignore=SOURCES_IGNORED)
        try:
            build(clean)
        except SiteBuilderError as exc:
            clean_error = exc
        if incremental_error or clean_error:
            # Sources a clean build refuses (two explicit slugs on one path) must be refused alike.
            assert type(incremental_error) is type(clean_error), (incremental_error, clean_error)
            assert incremental_error.message == clean_error.message  # type: ignore[union-attr]
            return
        assert_same_output(self.site / "output", clean / "output")
        again = build(self.site)
        assert (again.written, again.removed) == (0, 0), again.summary()


IncrementalBuilds.TestCase.settings = settings(
    max_examples=25, stateful_step_count=6, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_incremental_output_equals_a_clean_build = IncrementalBuilds.TestCase


def test_second_build_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first = build(site)
    assert first.written > 0
    second = build(site)
    assert (second.rendered, second.written, second.removed) == (0, 0, 0), second.summary()


def test_after_an_edit_only_that_story_and_its_listings_are_written(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first = build(site)
    set_body(articles(site)[0], "A new body.")
    second = build(site)
    assert 0 < second.written < first.written, second.summary()
    third = build(site)
    assert (third.written, third.removed) == (0, 0), third.summary()


def test_a_story_whose_slug_changes_by_deduplication_is_relinked_everywhere(tmp_path: Path) -> None:
    """Found by the property test: a new story takes the slug 'port-strike-talks-resume' explicitly,
    so the two stories that derived it from their title become -2 and -3. Their files did not
    change, but every page and feed linking to them must link to the new addresses."""
    site = make_site(tmp_path / "site")
    build(site)
    (site / "content/articles/2025/2025-03-03/new.md").write_text(
        "---\ntitle: Something else\ndate: 2025-03-03T06:15:00+00:00\ntopics: []\n"
        "slug: port-strike-talks-resume\n---\nBody.\n", encoding="utf-8")
    build(site)
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=SOURCES_IGNORED)
    build(clean)
    assert_same_output(site / "output", clean / "output")
