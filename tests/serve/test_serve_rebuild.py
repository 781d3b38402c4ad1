"""serve rebuilds on its own (no browser connected), prints what it did, shows errors in place of
pages and recovers, ignores editor droppings, and stops cleanly. Checked over plain HTTP."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.sites import make_site

from .conftest import ServeProcess, serving

ARTICLE = "content/articles/2025/2025-03-01/budget-vote.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuilds_without_a_browser_and_reports_counts(server: ServeProcess) -> None:
    article = server.site / ARTICLE
    mark = server.mark()
    _edit(article, "MPs approved the spring budget", "MPs narrowly approved the spring budget")
    line = server.wait_for_build(mark)
    assert re.search(r"rendered \d+, wrote [1-9]\d*, removed \d+ in \d+\.\d+ s", line), line
    assert any(ARTICLE in l and "changed:" in l for l in server.lines[mark:]), server.output
    route = "2025/03/01/parliament-passes-the-spring-budget-after-all-night-sitting.html"
    server.wait_for_page(route, lambda status, text: status == 200 and "narrowly approved" in text)


def test_a_deleted_article_disappears_everywhere(server: ServeProcess) -> None:
    route = "2025/03/01/harbour-united-win-the-cup-in-extra-time.html"
    assert server.page(route)[0] == 200
    assert "harbour-united-win-the-cup" in server.page("editions/2025-03-01/")[1]
    mark = server.mark()
    (server.site / "content/articles/2025/2025-03-01/cup-final.md").unlink()
    line = server.wait_for_build(mark)
    assert re.search(r"removed [1-9]", line), line
    assert server.page(route)[0] == 404
    out = server.site / "output"
    leftovers = [p for p in out.rglob("*") if p.is_file() and "harbour-united-win-the-cup" in p.read_text("utf-8", "replace")]
    assert leftovers == [], leftovers


def test_config_change_rebuilds(server: ServeProcess) -> None:
    mark = server.mark()
    _edit(server.site / "config.yaml", 'title: "Harbour Gazette"', 'title: "Harbour Evening Gazette"')
    server.wait_for_build(mark)
    server.wait_for_page("", lambda status, text: "Harbour Evening Gazette" in text)


def test_broken_config_shows_error_in_every_page_and_recovers(server: ServeProcess) -> None:
    config = server.site / "config.yaml"
    good = config.read_text(encoding="utf-8")
    mark = server.mark()
    config.write_text(good + "\ntopics: [unclosed\n", encoding="utf-8")
    assert "build failed" in server.wait_for_build(mark)
    for route in ("", "topics/", "2025/03/01/harbour-united-win-the-cup-in-extra-time.html", "no-such-page"):
        status, text = server.page(route)
        assert status == 500 and "Build failed" in text and "config.yaml" in text, (route, text)
        assert "/livereload.js" in text  # so the page reloads when the error is fixed
    status, _headers, body = server.get(server.prefix + "feed.xml")
    assert status == 200 and body.startswith(b"<?xml")  # non-HTML files are served as they were
    mark = server.mark()
    config.write_text(good, encoding="utf-8")
    assert "built" in server.wait_for_build(mark)
    server.wait_for_page("", lambda status, text: status == 200 and "Build failed" not in text)


def test_error_page_escapes_file_names_and_messages(server: ServeProcess) -> None:
    name = 'x"><img src=y onerror=alert(1)>.md'
    bad = server.site / "content/articles/2025/2025-03-01" / name
    mark = server.mark()
    bad.write_text("---\ntitle: <script>alert(1)</script>\n  date: [\n---\nbody\n", encoding="utf-8")
    assert "build failed" in server.wait_for_build(mark)
    status, text = server.page("")
    assert status == 500
    assert "<img src=y" not in text and "<script>alert" not in text
    assert "&lt;img src=y onerror=alert(1)&gt;.md" in text
    mark = server.mark()
    bad.unlink()
    assert "built" in server.wait_for_build(mark)


def test_editor_temp_files_are_ignored(server: ServeProcess) -> None:
    folder = server.site / "content/articles/2025/2025-03-01"
    junk = [".budget-vote.md.swp", ".budget-vote.md.swx", "budget-vote.md~", ".#budget-vote.md", "4913",
            ".DS_Store", "draft.tmp", ".goutputstream-ABC123"]
    for name in junk:
        (folder / name).write_text("junk", encoding="utf-8")
    (server.site / "theme" / "templates" / "article.html.swp").write_text("junk", encoding="utf-8")
    # A real change after the junk: once it is reported, any junk would have been reported too.
    mark = server.mark()
    _edit(server.site / ARTICLE, "fourteen hours", "fifteen hours")
    server.wait_for_build(mark)
    changed = [line for line in server.lines if "changed:" in line]
    assert changed and all(name not in line for line in changed for name in junk), changed
    assert not any("article.html.swp" in line for line in changed), changed


def test_output_and_cache_changes_do_not_rebuild(server: ServeProcess) -> None:
    (server.site / "output" / "stray.html").write_text("<html><head></head></html>", encoding="utf-8")
    (server.site / ".site-builder" / "stray").write_text("x", encoding="utf-8")
    mark = server.mark()
    _edit(server.site / ARTICLE, "fourteen hours", "sixteen hours")
    server.wait_for_build(mark)
    changed = [line for line in server.lines if "changed:" in line]
    assert len(changed) == 1 and ARTICLE in changed[0], changed


def test_a_burst_of_saves_is_one_rebuild(server: ServeProcess) -> None:
    article = server.site / ARTICLE
    text = article.read_text(encoding="utf-8")
    mark = server.mark()
    # What editors do on save: write a temp file, rename it over the original, touch it again.
    for n in range(5):
        tmp = article.with_name(article.name + ".tmp")
        tmp.write_text(text.replace("fourteen hours", f"{20 + n} hours"), encoding="utf-8")
        tmp.replace(article)
    server.wait_for_build(mark)
    server.wait_for_page("2025/03/01/parliament-passes-the-spring-budget-after-all-night-sitting.html",
                         lambda status, body: "24 hours" in body)
    builds = [line for line in server.lines[mark:] if re.search(r"\] (built|build failed)", line)]
    assert len(builds) == 1, server.lines[mark:]


def test_port_in_use_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port",
                               str(port)], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "cannot listen" in proc.stderr and "Traceback" not in proc.stderr


def test_other_hosts_get_a_warning() -> None:
    from site_builder.server import exposure_warning

    assert exposure_warning("127.0.0.1") is None
    assert exposure_warning("localhost") is None
    assert exposure_warning("::1") is None
    assert exposure_warning("127.0.0.2") is None
    assert "other machines" in (exposure_warning("0.0.0.0") or "")
    assert "other machines" in (exposure_warning("192.168.1.5") or "")
    assert "other machines" in (exposure_warning("::") or "")


def test_ctrl_c_exits_zero(server: ServeProcess) -> None:
    assert server.stop() == 0
    assert "stopped" in server.output


def test_a_site_broken_at_start_is_served_as_an_error_until_fixed(site: Path) -> None:
    article = site / ARTICLE
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("kicker: BUDGET", 'kicker: "BUDGET'), encoding="utf-8")
    with serving(site) as process:
        status, text = process.page("")
        assert status == 500 and "budget-vote.md" in text
        mark = process.mark()
        article.write_text(good, encoding="utf-8")
        assert "built" in process.wait_for_build(mark)
        process.wait_for_page("", lambda status, text: status == 200 and "Build failed" not in text)


def test_sigterm_exits_zero(site: Path) -> None:
    import signal

    process = ServeProcess(site)
    process.proc.send_signal(signal.SIGTERM)
    assert process.proc.wait(timeout=30) == 0
    assert process.stop() == 0
    assert "Traceback" not in process.output
