"""The output folder belongs to the person as much as to the build: a build deletes only what its
own record says it wrote, refuses a folder of someone else's files, ships root/ files, repairs
what was changed behind its back, takes turns with another build, and works when output/ is a
mount point or a symlink to another disk."""

from __future__ import annotations

import json
import os
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.sites import REPO, make_site, run_cli
from tests.hostile.conftest import snapshot

RECORD = ".site-builder.json"


def build(site: Path, *extra: str | Path):
    return run_cli("build", "--site", site, *extra)


def test_a_pages_checkout_is_refused_and_left_exactly_as_it_was(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    output = site / "output"
    (output / ".git").mkdir(parents=True)
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (output / "CNAME").write_text("news.example.com\n")
    (output / "about.html").write_text("<p>About us</p>")
    (output / ".nojekyll").write_text("")          # proves nothing
    before = snapshot(output)
    result = build(site)
    assert result.returncode == 1
    error = result.stderr.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("error: ") and "refusing to build into" in error[0]
    assert "CNAME" in error[0] and "--output" in error[0] and "root/" in error[0]
    assert snapshot(output) == before


def test_a_fresh_pages_checkout_holding_only_git_is_built_into_and_git_kept(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "output" / ".git").mkdir(parents=True)
    (site / "output" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    assert build(site).returncode == 0
    assert (site / "output" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / "output" / "index.html").is_file()


def test_hand_added_files_survive_every_build_even_without_the_cache(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    output = site / "output"
    (output / "CNAME").write_text("news.example.com\n")
    (output / "google1234.html").write_text("google-site-verification: google1234.html")
    story = next((site / "content" / "articles").rglob("cup-final.md"))
    story.write_text(story.read_text() + "\nMore.\n")
    assert build(site).returncode == 0
    shutil.rmtree(site / ".site-builder")            # the README says this is safe
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (output / "CNAME").read_text() == "news.example.com\n"
    assert (output / "google1234.html").is_file()
    # ...and what the build did write and no longer plans is still removed.
    story.unlink()
    shutil.rmtree(site / ".site-builder")
    result = build(site)
    assert result.returncode == 0 and "removed 0" not in result.stdout, result.stdout
    assert (output / "CNAME").is_file()


def test_root_folder_files_are_published_at_the_root_and_survive(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "root" / ".well-known").mkdir(parents=True)
    (site / "root" / "CNAME").write_text("news.example.com\n")
    (site / "root" / ".well-known" / "security.txt").write_text("Contact: mailto:desk@example.com\n")
    assert build(site).returncode == 0
    output = site / "output"
    assert (output / "CNAME").read_text() == "news.example.com\n"
    assert (output / ".well-known" / "security.txt").is_file()
    assert build(site).returncode == 0 and (output / "CNAME").is_file()
    (site / "root" / "CNAME").write_text("www.example.com\n")
    assert build(site).returncode == 0
    assert (output / "CNAME").read_text() == "www.example.com\n"
    assert run_cli("check", "--site", site).returncode == 0


def test_output_changed_behind_the_builds_back_is_repaired(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    output = site / "output"
    good = snapshot(output)
    (output / "index.html").unlink()
    page = sorted((output / "2025" / "03" / "01").glob("*.html"))[0]
    time.sleep(0.01)
    page.write_text("<p>broken</p>")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert "does not match the last build: 2 file(s)" in result.stdout, result.stdout
    assert "rendered 0" not in result.stdout
    after = snapshot(output)
    assert {k: v for k, v in after.items() if k != RECORD} == {k: v for k, v in good.items() if k != RECORD}
    again = build(site)
    assert "nothing changed" in again.stdout and "does not match" not in again.stdout



def test_an_edit_build_repairs_what_changed_a_folder_and_the_next_build_the_rest(tmp_path: Path) -> None:
    """A build after an edit looks only into folders that changed since the last build
    (writer.damaged_since): a page deleted or replaced by a rename is written again at once.
    A page rewritten in place changes no folder; the next build that finds no input changed
    looks at every file, and repairs it."""
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    output = site / "output"
    good = snapshot(output)
    # Three story pages in other folders than the edited story's (2025/03/02).
    gone, replaced, in_place = [p.relative_to(output).as_posix() for p in sorted((output / "2025").rglob("*.html"))
                                if "/03/02/" not in p.as_posix()][:3]
    (output / gone).unlink()
    time.sleep(0.01)
    replacement = output / "about.tmp"
    replacement.write_text("<p>replaced</p>")
    os.replace(replacement, output / replaced)
    (output / in_place).write_text("<p>edited in place</p>")
    story = next((site / "content" / "articles").rglob("taiwan-chips.md"))
    story.write_text(story.read_text() + "\nMore.\n")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert "does not match the last build: 2 file(s)" in result.stdout, result.stdout
    after = snapshot(output)
    assert after[gone] == good[gone] and after[replaced] == good[replaced]
    assert (output / in_place).read_text() == "<p>edited in place</p>"   # no folder shows it
    again = build(site)
    assert "nothing changed" not in again.stdout and "does not match the last build: 1 file(s)" in again.stdout
    assert snapshot(output)[in_place] == good[in_place]
    assert "nothing changed" in build(site).stdout

def test_check_judges_the_url_the_site_was_built_for(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    for url in ("https://someone.github.io/other-repo/", "https://news.example.com/"):
        assert build(site, "--base-url", url).returncode == 0
        assert json.loads((site / "output" / RECORD).read_text())["site_url"] == url
        result = run_cli("check", "--site", site)
        assert result.returncode == 0, result.stdout + result.stderr
        assert " 0 error(s)" in result.stdout
    # An explicit --base-url still wins, and a wrong one is caught.
    assert run_cli("check", "--site", site, "--base-url", "https://example.org/news/").returncode == 1


def _concurrent_builds(site: Path, count: int) -> list[subprocess.CompletedProcess[str]]:
    procs = [subprocess.Popen([sys.executable, "-m", "site_builder", "build", "--site", str(site), "--no-ingest"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(count)]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate()) for p in procs]


def test_two_builds_at_once_take_turns_and_leave_a_correct_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    reference = make_site(tmp_path / "reference")
    for trial in range(3):
        # Each trial changes a title, so both builds have work to do.
        for folder in (site, reference):
            story = next((folder / "content" / "articles").rglob("cup-final.md"))
            text = story.read_text()
            story.write_text(text.replace("title: ", f"title: T{trial} ", 1))
        results = _concurrent_builds(site, 2)
        for result in results:
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
        waited = [r for r in results if "waiting for" in r.stderr]
        assert len(waited) <= 1
        if waited:
            assert "pid " in waited[0].stderr and "build" in waited[0].stderr
        shutil.rmtree(reference / "output", ignore_errors=True)
        shutil.rmtree(reference / ".site-builder", ignore_errors=True)
        assert build(reference, "--no-ingest").returncode == 0
        ours = {k: v for k, v in snapshot(site / "output").items() if k != RECORD}
        theirs = {k: v for k, v in snapshot(reference / "output").items() if k != RECORD}
        assert ours == theirs, f"trial {trial}: " + ", ".join(sorted(set(ours.items()) ^ set(theirs.items()))[:5])


def _mount_tmpfs(target: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(target)],
                          capture_output=True).returncode == 0


def test_output_as_a_mount_point_builds_and_rebuilds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    output = site / "output"
    if not _mount_tmpfs(output):
        pytest.skip("needs root and mount to put a tmpfs on output/")
    try:
        first = build(site)
        assert first.returncode == 0, first.stderr
        assert "EXDEV" not in first.stderr and (output / "index.html").is_file()
        story = next((site / "content" / "articles").rglob("cup-final.md"))
        story.write_text(story.read_text().replace("title: ", "title: Mounted ", 1))
        second = build(site)
        assert second.returncode == 0, second.stderr
        assert any("Mounted" in p.read_text() for p in (output / "2025" / "03" / "01").glob("*.html"))
        assert not any(p.name.endswith("staging") for p in output.iterdir())
        assert run_cli("check", "--site", site).returncode == 0
    finally:
        subprocess.run(["umount", "-l", str(output)], capture_output=True)


def test_output_as_a_symlink_to_another_disk(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on another file system than the temporary folder")
    site = make_site(tmp_path / "site")
    target = Path(os.environ.get("TMPDIR_SHM", shm)) / f"sb-out-{os.getpid()}-{time.monotonic_ns()}"
    target.mkdir()
    try:
        (site / "output").symlink_to(target)
        assert build(site).returncode == 0
        story = next((site / "content" / "articles").rglob("cup-final.md"))
        story.write_text(story.read_text().replace("title: ", "title: Linked ", 1))
        result = build(site)
        assert result.returncode == 0, result.stderr
        assert any("Linked" in p.read_text() for p in (target / "2025" / "03" / "01").glob("*.html"))
        assert (site / "output").is_symlink()
    finally:
        shutil.rmtree(target, ignore_errors=True)
        for leftover in shm.glob(f".{target.name}*"):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink()


def test_serve_beside_a_cli_build_reports_no_false_failure(tmp_path: Path) -> None:
    from tests.serve.conftest import serving

    site = make_site(tmp_path / "site")
    with serving(site) as server:
        server.wait_for_build(0)
        for trial in range(3):
            since = server.mark()
            story = next((site / "content" / "articles").rglob("cup-final.md"))
            story.write_text(story.read_text().replace("title: ", f"title: S{trial} ", 1))
            cli = build(site)       # while serve rebuilds for the same change
            assert cli.returncode == 0, cli.stderr
            assert "build failed" not in server.wait_for_build(since)
    assert "build failed" not in server.output and "Traceback" not in server.output



def test_an_output_folder_built_by_the_previous_version_is_adopted(tmp_path: Path) -> None:
    """An output/ from a version that wrote no record, with the site's cache of that build: built
    into (not refused), its stale pages still removed, and it gets its record."""
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    output = site / "output"
    (output / RECORD).unlink()                      # as the previous version left it
    (output / "CNAME").write_text("news.example.com\n")
    story = next((site / "content" / "articles").rglob("cup-final.md"))
    pages_before = {p.name for p in (output / "2025" / "03" / "01").glob("*.html")}
    story.unlink()
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (output / RECORD).is_file() and (output / "CNAME").is_file()
    assert len({p.name for p in (output / "2025" / "03" / "01").glob("*.html")}) == len(pages_before) - 1
    # Without the cache as well, nothing shows the folder is ours: refused.
    (output / RECORD).unlink()
    shutil.rmtree(site / ".site-builder")
    assert build(site).returncode == 1


def test_pool_workers_leave_interrupts_to_the_parent() -> None:
    """serve turns SIGTERM into KeyboardInterrupt; forked pool workers inherited that handler, so
    the pool's own SIGTERM at its end printed a KeyboardInterrupt traceback per worker (issue 12
    §3's worker tracebacks beside serve). From the publish branch."""
    code = ("import signal, os, sys\n"
            "from site_builder.pool import PARALLEL_THRESHOLD, map_chunks\n"
            "def boom(*_): raise KeyboardInterrupt\n"
            "signal.signal(signal.SIGTERM, boom)\n"
            "def work(items): return [signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "
            "signal.getsignal(signal.SIGINT) is signal.SIG_IGN]\n"
            "print(list(map_chunks(work, list(range(PARALLEL_THRESHOLD * 2)), 2)))\n")
    # The pool's SIGTERM could land in a worker before it had reset the handler: repeated, as
    # that window is narrow.
    for _ in range(10):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert "False" not in proc.stdout and "True" in proc.stdout, proc.stdout
        assert "Traceback" not in proc.stderr, proc.stderr


def test_an_output_folder_of_an_older_version_is_built_into_after_an_upgrade(tmp_path: Path) -> None:
    """Versions before the output record kept their manifest as a pickle and wrote no
    .site-builder.json: their output/ is the site's own, not someone else's files to refuse."""
    site = make_site(tmp_path / "site")
    assert run_cli("build", "--site", site).returncode == 0
    (site / "output" / ".site-builder.json").unlink()
    for manifest in (site / ".site-builder").glob("manifest-*"):
        if manifest.suffix == ".bin":
            manifest.rename(manifest.with_suffix(".pickle"))
        else:
            manifest.unlink()
    proc = run_cli("build", "--site", site)
    assert proc.returncode == 0, proc.stderr
    assert (site / "output" / ".site-builder.json").is_file()
