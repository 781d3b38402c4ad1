#!/usr/bin/env python3
"""Ingest speed and memory on a generated digest: python scripts/ingest_speed.py [MB]

Repeats the test digests (tests/ingest/digests/*.txt) and the seed until the digest is MB
megabytes (default 8), then times, in separate steps: reading, segmentation, and the whole
`site-builder ingest --dry-run` (headlines, classification, front-matter; nothing written).
Our test digests are the hard cases (short stories, many languages): the issue's >= 1 MB/s
figure is benchmarks/bench.py --ingest-only, on digests made from the benchmark corpus.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.ingest.digest import read_digest  # noqa: E402
from site_builder.ingest.segment import segment  # noqa: E402


def make_digest(path: Path, megabytes: float) -> int:
    parts = [p.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
             for p in sorted((REPO / "tests" / "ingest" / "digests").glob("*.txt"))]
    parts.append((REPO / "content" / "digests" / "2025-04-26.txt").read_text(encoding="utf-8"))
    blob = ("\n".join(parts) + "\n").encode("utf-8")
    copies = max(1, int(megabytes * 1024 * 1024 / len(blob)))
    path.write_bytes(blob * copies)
    return len(blob) * copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("megabytes", nargs="?", type=float, default=8.0, help="digest size in MB (default 8)")
    megabytes = parser.parse_args().megabytes
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "config.yaml").write_bytes((REPO / "config.yaml").read_bytes())
        digest = site / "2025-01-01.txt"
        size = make_digest(digest, megabytes)
        mb = size / 1024 / 1024
        cpu = time.process_time()
        lines = read_digest(digest)
        read_s = time.process_time() - cpu
        cpu = time.process_time()
        stories = len(segment(lines))
        seg_s = time.process_time() - cpu
        del lines
        print(f"digest: {mb:.1f} MB, {stories} stories")
        print(f"read: {read_s:.2f} s CPU; segmentation: {seg_s:.2f} s CPU = {mb / seg_s:.2f} MB/s")
        wall = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "site_builder", "ingest", "--site", str(site), "--dry-run",
                        str(digest)], check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter() - wall
        child_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"whole ingest --dry-run: {wall:.1f} s wall = {mb / wall:.2f} MB/s; {child_cpu:.1f} s CPU "
              f"(all processes); peak RSS of the largest process {after.ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
