"""`serve` and a CLI `build` into the same output/ at once (issue 12 §3): they take turns on the
output folder's lock, so serve reports no false "build failed" and nothing prints a traceback."""

from __future__ import annotations

import subprocess
import sys
import threading

from .conftest import ServeProcess

ARTICLE = "content/articles/2025/2025-03-01/budget-vote.md"


def test_serve_beside_cli_builds_reports_no_false_failures(server: ServeProcess) -> None:
    article = server.site / ARTICLE
    original = article.read_text(encoding="utf-8")
    results: list[subprocess.CompletedProcess] = []

    def cli_build() -> None:
        results.append(subprocess.run([sys.executable, "-m", "site_builder", "build", "--site", str(server.site),
                                       "--no-ingest"], capture_output=True, text=True, timeout=300))

    for round_number in range(8):
        mark = server.mark()
        # An edit (serve rebuilds) and a CLI build of the same site at the same moment.
        article.write_text(original.replace("MPs approved", f"MPs (round {round_number}) approved", 1), encoding="utf-8")
        thread = threading.Thread(target=cli_build)
        thread.start()
        line = server.wait_for_build(mark, timeout=120)
        thread.join(timeout=300)
        assert "build failed" not in line, server.output
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert not any("Traceback" in r.stderr for r in results), [r.stderr for r in results]
    assert "build failed" not in server.output and "Traceback" not in server.output, server.output
    server.wait_for_page("2025/03/01/parliament-passes-the-spring-budget-after-all-night-sitting.html",
                         lambda status, text: status == 200 and "(round 7)" in text)
