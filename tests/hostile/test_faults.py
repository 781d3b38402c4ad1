"""Faults: SIGKILL at random moments, during a build of a few hundred stories and during ingest.

After every kill output/ must be the previous build's, file for file and byte for byte; or, if
the kill fell after the writer's commit point (its journal), a mix of the previous and the new
build's files that the next build rolls forward. The next build always recovers, and ends
byte-identical to a clean build of the same input.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.hostile.conftest import build, check_outputs, snapshot
from tests.support.sites import FIXTURE_SITE, THEME

GEN_CORPUS = Path("/work/shared/bench/gen_corpus.py")
REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("HOSTILE_KILLS", "20"))
TOP_UP = 10    # further kills, at most, when too few of KILLS landed before the commit point


def _start(args: list[str | Path]) -> subprocess.Popen:
    # A session of its own, so that the kill reaches the build's worker processes too.
    return subprocess.Popen([sys.executable, "-m", "site_builder", *map(str, args)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _wait_for(path: Path, proc: subprocess.Popen, limit: float = 30.0) -> None:
    """Spin until path exists or the process ends: to kill right at the commit point."""
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None and not path.exists():
        time.sleep(0.0005)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not GEN_CORPUS.is_file():
        pytest.skip("gen_corpus.py is not available")
    root = tmp_path_factory.mktemp("faults")
    subprocess.run([sys.executable, str(GEN_CORPUS), "-n", "300", "-o", str(root / "corpus"), "--targets", "neutral"],
                   check=True, capture_output=True)
    site = root / "site"
    site.mkdir()
    config = (FIXTURE_SITE / "config.yaml").read_text(encoding="utf-8")
    # 20 a page: about 450 outputs, so that a build takes long enough to be killed at many points.
    (site / "config.yaml").write_text(config.replace("items_per_page: 3", "items_per_page: 20"), encoding="utf-8")
    shutil.copytree(THEME, site / "theme")
    shutil.copytree(root / "corpus" / "content", site / "content")
    return site


def _mutate(site: Path, i: int, rng: random.Random) -> None:
    """Change what every page shows (the site description), remove one story, add one."""
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("description:")]
    lines.insert(1, f'description: "Revision {i}"')
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    rng.choice(articles).unlink()
    extra = site / "content" / "articles" / "2025" / f"extra-{i}.md"
    extra.write_text(f"---\ntitle: Extra story {i}\ndate: 2025-01-0{1 + i % 9}T10:00:00+00:00\n"
                     f"topics: [extra-{i % 3}]\n---\nAn added story.\n", encoding="utf-8")


def _clean_build(site: Path, where: Path) -> dict[str, str]:
    """The same input built from nothing: no output, no cache."""
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(site, where, ignore=shutil.ignore_patterns("output", ".output.staging", ".site-builder"))
    result = build(where)
    assert result.returncode == 0, result.stderr
    return snapshot(where / "output")


def _differences(got: dict[str, str], expected: dict[str, str]) -> list[str]:
    return sorted(rel for rel in set(got) | set(expected) if got.get(rel) != expected.get(rel))[:20]


def test_sigkill_during_builds_never_leaves_a_broken_output(big_site: Path, tmp_path: Path):
    site = big_site
    output = site / "output"
    staging = site / ".output.staging"
    first = build(site)
    assert first.returncode == 0, first.stderr
    rng = random.Random(20260425)
    outcomes: list[str] = []
    # Kills fall within the time a rebuild takes on this machine, so that some land before, some
    # at and some after the commit point however fast the machine is.
    span = 1.5
    i = -1
    while (i := i + 1) < KILLS or outcomes.count("before-commit") < 3 and i < KILLS + TOP_UP:
        _mutate(site, i, rng)
        previous = snapshot(output)
        proc = _start(["build", "--site", site, "--no-ingest"])
        if i >= KILLS:
            # Random kills landed before the commit point fewer than three times (a slow moment
            # of the machine): top up with kills early in the build, which land before it.
            time.sleep(rng.uniform(0.0, span / 4))
        elif i % 4 == 3:
            _wait_for(staging / ".journal.json", proc)   # right at the commit point
        else:
            time.sleep(rng.uniform(0.0, span))
        finished = proc.poll() is not None
        _kill(proc)
        assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
        killed = snapshot(output)
        journal = (staging / ".journal.json").exists()
        if finished:
            outcomes.append("finished")
        elif journal:
            outcomes.append("after-commit")
        elif killed == previous:
            outcomes.append("before-commit")
        else:
            # No journal but a changed output/: the moves were done and the journal removed, and
            # the kill fell while the build saved its caches. output/ must be the new build's.
            outcomes.append("after-moves")

        started = time.perf_counter()
        recovered = build(site)
        assert recovered.returncode == 0, recovered.stderr
        if outcomes[-1] == "before-commit":
            span = min(span, 1.2 * (time.perf_counter() - started))
        now = snapshot(output)
        assert not staging.exists()
        if journal:
            assert "finished the file moves of a build that was interrupted" in recovered.stdout
        if outcomes[-1] in ("after-moves", "finished"):
            assert killed == now, (f"kill {i} ({outcomes[-1]}): output/ is not the new build's: "
                                   f"{_differences(killed, now)} of {len(now)} files differ")
        # Every file seen after the kill was the old build's or the new one's; no old file went
        # missing unless the new build drops it (a stale page, deleted last).
        for rel, digest in killed.items():
            assert digest in (previous.get(rel), now.get(rel)), f"kill {i}: {rel} is neither old nor new"
        for rel in previous:
            assert rel in killed or rel not in now, f"kill {i}: {rel} vanished mid-build"
        if i % 10 == 9 or i >= KILLS - 1:
            clean = _clean_build(site, tmp_path / "clean")
            assert now == clean, f"kill {i}: the recovered output differs: {_differences(now, clean)}"
    print("kill outcomes:", outcomes)
    assert outcomes.count("before-commit") >= 3
    problems = check_outputs(output)
    assert not problems, problems[:10]


def test_sigkill_during_a_first_build_leaves_no_output_or_a_whole_one(big_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(big_site, site, ignore=shutil.ignore_patterns("output", ".output.staging", ".site-builder"))
    expected = _clean_build(site, tmp_path / "clean")
    rng = random.Random(7)
    for _ in range(3):
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / ".site-builder", ignore_errors=True)
        proc = _start(["build", "--site", site, "--no-ingest"])
        time.sleep(rng.uniform(0.2, 2.5))
        _kill(proc)
        seen = snapshot(site / "output")
        assert seen in ({}, expected)
        again = build(site)
        assert again.returncode == 0, again.stderr
        assert snapshot(site / "output") == expected, _differences(snapshot(site / "output"), expected)


def test_sigkill_during_ingest_never_leaves_a_half_written_article(tmp_path: Path):
    from site_builder.content import parse_article

    seed = REPO / "content" / "digests" / "2025-04-26.txt"
    if not seed.is_file():
        pytest.skip("no sample digest")
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    digest = tmp_path / "2025-05-01.txt"
    digest.write_bytes(seed.read_bytes() * 60)   # about 400 stories
    rng = random.Random(11)
    tz = ZoneInfo("Europe/London")
    for attempt in range(5):
        proc = _start(["ingest", digest, "--site", site])
        time.sleep(rng.uniform(0.3, 2.5))
        _kill(proc)
        folder = site / "content" / "articles" / "2025" / "2025-05-01"
        for path in folder.glob("*.md"):
            data = path.read_bytes()
            parse_article(path.name, data, tz)   # raises if half-written
            assert b"ingest_hash" in data
    final = subprocess.run([sys.executable, "-m", "site_builder", "ingest", str(digest), "--site", str(site)],
                           capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    leftovers = list((site / "content" / "articles").rglob(".*.tmp"))
    print(f"temporary files left by killed ingests: {len(leftovers)}")


def test_a_probe_left_by_a_killed_build_is_removed_by_the_next(big_site: Path, tmp_path: Path):
    """A build killed between creating and removing its named write probe (systems without
    unnamed temporary files) leaves it in output/; the next build takes it away."""
    site = tmp_path / "site"
    shutil.copytree(big_site, site, ignore=shutil.ignore_patterns(".output.staging"))
    assert build(site).returncode == 0
    stray = site / "output" / ".write-probe-4242"
    stray.write_bytes(b"")
    before = snapshot(site / "output")
    result = build(site)
    assert result.returncode == 0, result.stderr
    after = snapshot(site / "output")
    assert ".write-probe-4242" not in after
    assert {rel: d for rel, d in before.items() if rel != ".write-probe-4242"} == after
