"""The catalogue, part 3: odd term names, broken themes and config, and output folders that
cannot be written. Through `site-builder build`, except where a fault has to be injected.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from tests.hostile.conftest import (HOSTILE_DIR, article_text, assert_fails_cleanly, build, check_outputs,
                                    put, snapshot)
REL = HOSTILE_DIR.as_posix()


# ---- topic, region, people names ---------------------------------------------------------------

ODD_NAMES = ["a.b", "v1.2.3", "x/y", "..", "../../outside", "back\\slash", "中文", "Ελληνικά", "CON", "com1",
             ".hidden", "trailing.", "  spaced  ", "😀", "#1 & <b>"]


def _resolve_link(output: Path, href: str) -> Path:
    assert href.startswith("/news/"), href
    rel = href.removeprefix("/news/").split("#")[0]
    from urllib.parse import unquote
    rel = unquote(rel)
    return output / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def test_odd_term_names_get_pages_inside_output_and_links_that_work(built_site: Path):
    put(built_site, "terms.md", article_text("Body.\n", title="Odd names", topics=ODD_NAMES, regions=ODD_NAMES,
                                             people=ODD_NAMES, organizations=ODD_NAMES))
    result = build(built_site)
    assert result.returncode == 0, result.stderr
    out = built_site / "output"
    assert not check_outputs(out)
    real_out = out.resolve()
    for path in built_site.parent.rglob("*"):
        if "outside" in path.name:
            assert path.resolve().is_relative_to(real_out), path
    page = out / "2025" / "03" / "02" / "odd-names.html"
    doc = lxml.html.fromstring(page.read_bytes())
    links = [a.get("href") for a in doc.cssselect(".story-tags a")]
    assert len(links) >= 4 * 10, links  # names that slug alike share a page
    for href in links:
        target = _resolve_link(out, href)
        assert target.is_file(), href
        assert target.resolve().is_relative_to(real_out)
    labels = {a.text_content() for a in doc.cssselect(".story-tags a")}
    assert {"中文", "Ελληνικά", "#1 & <b>"} <= labels  # people keep their spelling
    for folder in ("topics", "regions", "people", "organizations"):
        names = {p.name for p in (out / folder).iterdir() if p.is_dir()}
        assert {"zhong-wen", "ellenika", "con-1", "com1-1", "a-b"} <= names, names
        assert not any(name.startswith(".") or name in ("con", "com1") for name in names), names


# ---- themes -------------------------------------------------------------------------------------

def test_a_missing_template_is_named(built_site: Path):
    before = snapshot(built_site / "output")
    (built_site / "theme" / "templates" / "term.html").unlink()
    put(built_site, "new.md", article_text(title="Needs a new term page", topics=["brand-new-topic"]))
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, "template 'term.html' not found")


def test_a_template_syntax_error_names_file_and_line(built_site: Path):
    before = snapshot(built_site / "output")
    template = built_site / "theme" / "templates" / "editions.html"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "{% if %}")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, "editions.html:3:", "template syntax error")


def test_an_undefined_name_in_a_template_is_named(built_site: Path):
    before = snapshot(built_site / "output")
    (built_site / "templates").mkdir()
    (built_site / "templates" / "404.html").write_text('{% extends "base.html" %}{% block content %}\n'
                                                       "{{ no_such_variable.x }}\n{% endblock %}\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, "404.html:2:", "no_such_variable")


def test_a_template_that_is_not_utf8_is_named(built_site: Path):
    before = snapshot(built_site / "output")
    (built_site / "templates").mkdir()
    (built_site / "templates" / "404.html").write_bytes(b"<p>caf\xe9</p>\n")
    result = build(built_site)
    assert_fails_cleanly(built_site, result, before, "404.html")


# ---- config.yaml ------------------------------------------------------------------------------

CONFIG_CASES = [
    ("unknown-key", lambda t: t.replace("title:", "titel:"), ("config.yaml", "'titel': unknown key (did you mean 'title'?)")),
    ("unknown-nested-key", lambda t: t.replace("  items: 4", "  itmes: 4"),
     ("'feeds.itmes': unknown key (did you mean 'items'?)",)),
    ("wrong-types", lambda t: t.replace("items_per_page: 3", "items_per_page: many")
     .replace('site_url: "https://example.org/news/"', "site_url: 5").replace("language: en-GB", "language: [en]"),
     ("3 problem(s)", "'items_per_page': must be a int", "'site_url': must be a str", "'language': must be a str")),
    ("bad-values", lambda t: t.replace('timezone: "Europe/London"', "timezone: Mars/Olympus")
     .replace("items_per_page: 3", "items_per_page: -1").replace('"https://example.org/news/"', "javascript:alert(1)"),
     ("'timezone': 'Mars/Olympus' is not an IANA time zone", "'items_per_page': must be a whole number above 0",
      "'site_url': must be an absolute http(s) URL")),
    ("norway-problem", lambda t: t.replace("[GB, FR, DE]", "[GB, NO]"), ("YAML read a code as true/false",)),
    ("not-yaml", lambda t: t + "broken: [unclosed\n", ("config.yaml:", "is not valid YAML")),
    ("a-list", lambda t: "- title\n- site_url\n", ("config.yaml: must be a YAML mapping",)),
    ("empty", lambda t: "", ("config.yaml: must be a YAML mapping",)),
    ("python-tag", lambda t: t + "x: !!python/object/apply:os.system ['true']\n", ("config.yaml:", "not valid YAML")),
]


@pytest.mark.parametrize("edit, needles", [(c[1], c[2]) for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES])
def test_a_bad_config_lists_its_problems(built_site: Path, edit, needles):
    before = snapshot(built_site / "output")
    config = built_site / "config.yaml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    assert_fails_cleanly(built_site, build(built_site), before, *needles)


def test_a_config_that_is_not_utf8_is_named(built_site: Path):
    before = snapshot(built_site / "output")
    config = built_site / "config.yaml"
    config.write_bytes(config.read_bytes().replace(b"Harbour Gazette\"", b"Caf\xe9\"", 1))
    assert_fails_cleanly(built_site, build(built_site), before, "config.yaml: is not UTF-8")


def test_a_missing_config_is_named(built_site: Path):
    before = snapshot(built_site / "output")
    (built_site / "config.yaml").unlink()
    assert_fails_cleanly(built_site, build(built_site), before, "config.yaml: not found")


# ---- output folders that cannot be written -----------------------------------------------------

def test_an_output_path_that_is_a_file_is_refused(built_site: Path):
    target = built_site / "elsewhere"
    target.write_text("a person's notes\n")
    result = build(built_site, "--output", target)
    assert result.returncode == 1 and "exists and is not a folder" in result.stderr, result.stderr
    assert target.read_text() == "a person's notes\n"


@pytest.mark.parametrize("where", ["site", "content"])
def test_an_output_folder_that_holds_the_site_is_refused(built_site: Path, where: str):
    before = snapshot(built_site)
    target = built_site if where == "site" else built_site / "content"
    result = build(built_site, "--output", target)
    assert result.returncode == 1 and "refusing" in result.stderr, result.stderr
    assert snapshot(built_site) == before  # nothing a person wrote was touched


def test_an_output_folder_under_proc_is_refused_cleanly(built_site: Path):
    result = build(built_site, "--output", "/proc/self/site-output")
    assert result.returncode == 1, result.stderr
    assert "error:" in result.stderr and "site-output" in result.stderr


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    """A real, small file system (root only): tests the real ENOSPC / EROFS code paths."""
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_read_only_output_folder(built_site: Path, tmp_path: Path):
    with _tmpfs(tmp_path / "ro", "4m") as mount:
        output = mount / "output"
        first = build(built_site, "--output", output)
        assert first.returncode == 0, first.stderr
        before = snapshot(output)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        put(built_site, "new.md", article_text(title="A new story"))
        result = build(built_site, "--output", output)
        assert_fails_cleanly(built_site, result, before, "Read-only file system", output=output)
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
        again = build(built_site, "--output", output)
        assert again.returncode == 0, again.stderr
        assert (output / "2025" / "03" / "02" / "a-new-story.html").is_file()


def test_a_full_disk(built_site: Path, tmp_path: Path):
    with _tmpfs(tmp_path / "full", "1m") as mount:
        output = mount / "output"
        first = build(built_site, "--output", output)
        assert first.returncode == 0, first.stderr
        before = snapshot(output)
        # Stories big enough that their pages cannot be staged beside output/ in what is left.
        for n in range(8):
            put(built_site, f"big-{n}.md", article_text(("Words of a long story. " * 40 + "\n\n") * 60,
                                                        title=f"Big story {n}"))
        result = build(built_site, "--output", output)
        assert_fails_cleanly(built_site, result, before, "No space left on device", output=output)
        for n in range(8):  # nothing a person wrote is lost
            assert (built_site / HOSTILE_DIR / f"big-{n}.md").stat().st_size > 50_000


def test_an_article_deleted_during_the_build(built_site: Path, monkeypatch: pytest.MonkeyPatch):
    """In-process: the file vanishes between the scan of content/ and the read of the file."""
    from site_builder import build as build_module, cli

    victim = put(built_site, "vanishing.md", article_text(title="Here and gone"))
    before = snapshot(built_site / "output")
    real_scan = build_module.scan_articles

    def scan_then_delete(*args, **kwargs):
        found = real_scan(*args, **kwargs)
        victim.unlink()
        return found

    monkeypatch.setattr(build_module, "scan_articles", scan_then_delete)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", "--site", str(built_site), "--no-ingest", "--jobs", "1"])
    assert code == 1
    assert f"{REL}/vanishing.md: was deleted while the build was reading it; build again" in stderr.getvalue()
    assert snapshot(built_site / "output") == before
    monkeypatch.undo()
    again = build(built_site)
    assert again.returncode == 0, again.stderr


def test_markup_in_the_site_url_never_reaches_a_page_as_markup(built_site: Path):
    config = built_site / "config.yaml"
    config.write_text(config.read_text().replace('"https://example.org/news/"',
                                                 '"https://example.org/a\\"><script>alert(1)</script>b/"'))
    result = build(built_site)
    if result.returncode == 1:  # refused: the better answer
        assert "site_url" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    problems = check_outputs(built_site / "output")
    assert not problems, problems[:5]


def test_a_disk_error_after_the_commit_point_is_finished_by_the_next_build(built_site: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    """In-process: the third file move into output/ fails (as a full or vanished disk would)."""
    import errno

    from site_builder import cli, writer

    config = built_site / "config.yaml"
    config.write_text(config.read_text().replace("A test newsroom's site.", "Changed on every page."))
    real_replace = writer.os.replace
    calls = {"n": 0}

    def failing_replace(src, dst, *args, **kwargs):
        if str(dst).startswith(str(built_site / "output")):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", "--site", str(built_site), "--no-ingest", "--jobs", "1"])
    assert code == 1
    assert "cannot move the new files into the output folder: No space left on device" in stderr.getvalue()
    assert (built_site / ".output.staging" / ".journal.json").exists()  # kept to finish the job
    monkeypatch.undo()
    again = build(built_site)
    assert again.returncode == 0, again.stderr
    assert "finished the file moves of a build that was interrupted" in again.stdout
    assert not (built_site / ".output.staging").exists()
    assert "Changed on every page." in (built_site / "output" / "index.html").read_text(encoding="utf-8")
    assert not check_outputs(built_site / "output")
