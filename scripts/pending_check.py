#!/usr/bin/env python3
"""Stories segmented exactly on tests/ingest/pending/ (labelled digests the segmenter is not
fitted on: a check set of shapes the fitted digests lack; its README says why).

    python scripts/pending_check.py

Prints, for each digest, the true stories found with exactly their lines, and the total.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.ingest.digest import read_digest  # noqa: E402
from site_builder.ingest.segment import segment  # noqa: E402

PENDING = REPO / "tests" / "ingest" / "pending"


def main() -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    found_total = true_total = 0
    for expected_path in sorted(PENDING.glob("*.expected.json")):
        digest = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
        truth = [s["lines"] for s in json.loads(expected_path.read_text(encoding="utf-8"))["segments"]]
        found = [[s.first, s.last] for s in segment(read_digest(digest))]
        exact = sum(1 for lines in truth if lines in found)
        found_total += exact
        true_total += len(truth)
        print(f"{exact:2}/{len(truth):<2} {digest.name}")
    print(f"stories found exactly: {found_total} of {true_total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
