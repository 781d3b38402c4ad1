#!/usr/bin/env python3
"""Time from saving one article to the reloaded page in the browser, under `site-builder serve`.

For each corpus size N: generate the shared synthetic corpus (../shared/bench/gen_corpus.py),
wrap it in a site (config.yaml + the repo's theme), start `site-builder serve`, open the newest
story in headless Chromium, then, several times: change the story on disk and time how long until
the open page shows the change, with nothing but livereload doing the reloading. `--edit body`
(the default) appends a sentence, as the benchmark's one-article edit does
(../shared/bench/touch_article.py); `--edit title` rewrites the title, which every listing
showing the story carries too. The files
written by each rebuild are read from serve's own summary line ("wrote N"), and the time until the
search index caught up (serve's "(after the page reload)" line) is reported beside the reload.

The site's config is the repo's config.yaml, the one users start from (search on), with the
title, site_url and timezone below; `--config minimal` uses only those three lines (search off).

    .venv/bin/python scripts/measure_reload.py --sizes 1000,10000 [--repeats 5] [--config shipped|minimal]
                                               [--edit body|title] [--work /tmp/sb-reload]

Prints one JSON object per size, then a table. Needs Chromium (/usr/bin/chromium) and Playwright.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.browser import launch_browser

CONFIG = """title: "Reload Bench"
site_url: "https://news.example.org/bench/"
timezone: UTC
"""
OVERRIDDEN = ("title:", "site_url:", "timezone:", "items_per_page:")
SUMMARY = re.compile(r"\] built \d+ stories: .*rendered (\d+), wrote (\d+), removed (\d+) in ([\d.]+) s")
CAUGHT_UP = re.compile(r"search index: .*\(after the page reload\)")


def site_config(which: str) -> str:
    """config.yaml for the measured site: the shipped one (search on) or the three lines alone."""
    if which == "minimal":
        return CONFIG
    shipped = (REPO / "config.yaml").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in shipped if not line.startswith(OVERRIDDEN)) + "\n" + CONFIG


def find_shared() -> Path:
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if (candidate / "bench" / "gen_corpus.py").is_file():
            return candidate
    sys.exit("measure_reload.py: cannot find shared/bench/gen_corpus.py")


def make_site(n: int, work: Path, shared: Path, config: str) -> Path:
    corpus = work / f"n{n}"
    if corpus.exists():
        shutil.rmtree(corpus)
    subprocess.run([sys.executable, str(shared / "bench" / "gen_corpus.py"), "-n", str(n), "-o", str(corpus),
                    "--targets", "neutral"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    site = corpus / "site"
    (site / "content").mkdir(parents=True)
    shutil.move(str(corpus / "content" / "articles"), site / "content" / "articles")
    shutil.copytree(REPO / "theme", site / "theme")
    (site / "config.yaml").write_text(config, encoding="utf-8")
    return site


def newest_article(site: Path) -> tuple[Path, str, str]:
    """(file, slug, date) of the story with the latest date: it heads the front page and feeds."""
    best: tuple[str, Path, str] | None = None
    for path in (site / "content" / "articles").rglob("*.md"):
        head = path.read_text(encoding="utf-8").split("---", 2)[1]
        date = re.search(r"^date:\s*['\"]?([^'\"\n]+)", head, re.MULTILINE).group(1)  # type: ignore[union-attr]
        slug = re.search(r"^slug:\s*['\"]?([^'\"\n]+)", head, re.MULTILINE).group(1)  # type: ignore[union-attr]
        if best is None or date > best[0]:
            best = (date, path, slug)
    assert best is not None
    return best[1], best[2], best[0]


class Serve:
    def __init__(self, site: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "--site", str(site),
                                      "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, bufsize=1, cwd=REPO)
        self.lines: list[str] = []
        self.times: list[float] = []   # perf_counter() at each line's arrival
        self.cond = threading.Condition()
        threading.Thread(target=self._drain, daemon=True).start()
        line = self.wait(re.compile(r"^Serving .* at (http://\S+)"), 0, timeout=1800)
        self.url = re.search(r"(http://\S+)", line).group(1)  # type: ignore[union-attr]

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.times.append(time.perf_counter())
                self.cond.notify_all()

    def wait_time(self, pattern: re.Pattern[str], since: int, timeout: float = 300) -> float:
        """perf_counter() when a line matching `pattern` after `since` arrived."""
        self.wait(pattern, since, timeout)
        with self.cond:
            for line, when in zip(self.lines[since:], self.times[since:]):
                if pattern.search(line):
                    return when
        raise AssertionError("unreachable")

    def mark(self) -> int:
        with self.cond:
            return len(self.lines)

    def wait(self, pattern: re.Pattern[str], since: int, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines[since:]:
                    if pattern.search(line):
                        return line
                if self.proc.poll() is not None:
                    raise RuntimeError("serve exited:\n" + "\n".join(self.lines))
                if time.monotonic() > deadline:
                    raise RuntimeError(f"timed out waiting for {pattern.pattern}:\n" + "\n".join(self.lines[-20:]))
                self.cond.wait(0.5)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def measure(n: int, work: Path, shared: Path, repeats: int, config: str, edit: str) -> dict[str, object]:
    t0 = time.perf_counter()
    site = make_site(n, work, shared, site_config(config))
    searching = "search: true" in site_config(config)
    generated = time.perf_counter() - t0
    article, slug, _date = newest_article(site)
    t0 = time.perf_counter()
    server = Serve(site)
    startup = time.perf_counter() - t0
    page_file = next((site / "output").glob(f"*/*/*/{slug}.html"))
    url = server.url + page_file.relative_to(site / "output").as_posix()
    runs = []
    try:
        with launch_browser() as context:
            page = context.new_page()
            page.goto(url)
            for attempt in range(repeats):
                page.wait_for_function("() => window.LiveReload && window.LiveReload.connector"
                                       " && window.LiveReload.connector.protocol >= 7", timeout=60_000)
                marker = f"Reload probe {n}-{attempt}-{time.time_ns()}"
                text = article.read_text(encoding="utf-8")
                if edit == "title":
                    new = re.sub(r"^title:.*$", f'title: "{marker}"', text, count=1, flags=re.MULTILINE)
                    shows = "m => document.querySelector('h1') && document.querySelector('h1').innerText.includes(m)"
                else:
                    new = text.rstrip("\n") + f"\n\n{marker}.\n"
                    shows = "m => document.body && document.body.textContent.includes(m)"
                mark = server.mark()
                with open(article, "w", encoding="utf-8") as handle:
                    handle.write(new)
                saved = time.perf_counter()
                page.wait_for_function(shows, arg=marker, timeout=120_000, polling=10)
                shown = time.perf_counter()
                summary = SUMMARY.search(server.wait(SUMMARY, mark))
                assert summary is not None
                # Serve's line after the catch-up: the time it is seen is an upper bound (output is line-buffered).
                caught_up = round(server.wait_time(CAUGHT_UP, mark) - saved, 3) if searching else None
                runs.append({"seconds": round(shown - saved, 3), "rendered": int(summary.group(1)),
                             "written": int(summary.group(2)), "removed": int(summary.group(3)),
                             "build_seconds": float(summary.group(4)), "search_seconds": caught_up})
                time.sleep(0.5)  # let the page settle before the next save
    finally:
        code = server.stop()
    seconds = [r["seconds"] for r in runs]
    return {"n": n, "corpus_seconds": round(generated, 1), "serve_startup_seconds": round(startup, 1),
            "reload_median_seconds": statistics.median(seconds), "reload_min_seconds": min(seconds),
            "reload_max_seconds": max(seconds), "config": config, "edit": edit, "files_written": [r["written"] for r in runs],
            "runs": runs, "serve_exit": code, "page": url}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma list of corpus sizes")
    parser.add_argument("--repeats", type=int, default=5, help="saves timed per size (default 5)")
    parser.add_argument("--config", choices=("shipped", "minimal"), default="shipped",
                        help="the repo's config.yaml (search on; default) or the minimal three lines")
    parser.add_argument("--edit", choices=("body", "title"), default="body",
                        help="append a sentence (default; the benchmark's edit) or rewrite the title")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sb-reload"), help="scratch folder")
    args = parser.parse_args()
    shared = find_shared()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        result = measure(n, args.work, shared, args.repeats, args.config, args.edit)
        print(json.dumps(result), flush=True)
        results.append(result)
    print(f"\n{'N':>7} {'config':>8} {'edit':>6} {'save->reloaded page (median, min-max)':>40} {'build':>8} {'files written':>14} "
          f"{'search caught up':>17}")
    for r in results:
        runs = r["runs"]
        builds = statistics.median(run["build_seconds"] for run in runs)  # type: ignore[union-attr]
        searched = [run["search_seconds"] for run in runs if run["search_seconds"] is not None]  # type: ignore[union-attr]
        caught = f"{statistics.median(searched):>15.2f} s" if searched else f"{'(search off)':>17}"
        print(f"{r['n']:>7} {r['config']:>8} {r['edit']:>6} {r['reload_median_seconds']:>20.2f} s ({r['reload_min_seconds']:.2f}-"
              f"{r['reload_max_seconds']:.2f}) {builds:>12.2f} s {statistics.median(r['files_written']):>10} {caught}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
