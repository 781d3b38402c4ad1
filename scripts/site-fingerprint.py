#!/usr/bin/env python3
"""Print one hash of a built site's published bytes, to tell whether it changed since the last deploy.

    python3 scripts/site-fingerprint.py output

Every file's path and bytes, in path order, except what differs between two builds of the same
site: the build's own record (.site-builder.json: its commit time) and the Pagefind index
(pagefind/: its fragment names change from run to run, and it only ever changes with the pages it
indexes). The Pages workflow deploys only when this differs from the last deployed site's.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

SKIP_TOP = {".site-builder.json", "pagefind", ".git"}


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    paths = []
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root)
        if rel_folder == Path("."):
            dirs[:] = [d for d in dirs if d not in SKIP_TOP]
            files = [f for f in files if f not in SKIP_TOP]
        paths.extend((rel_folder / name).as_posix() for name in files)
    for rel in sorted(paths):
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256((root / rel).read_bytes()).digest())
    return digest.hexdigest()


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: site-fingerprint.py OUTPUT_FOLDER")
    print(fingerprint(Path(sys.argv[1])))
