"""locks.lock_folder: one holder per folder, a second one told who holds it, nothing stale after a kill."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.locks import LockTimeout, lock_folder

HOLD = """
import sys, time
from pathlib import Path
from site_builder.locks import lock_folder
with lock_folder(Path(sys.argv[1]), "build"):
    print("held", flush=True)
    time.sleep(60)
"""


def _holder(folder: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_holder_is_told_who_holds_it_and_gives_up_after_the_timeout(tmp_path):
    holder = _holder(tmp_path)
    told: list[str] = []
    try:
        start = time.monotonic()
        with pytest.raises(LockTimeout) as caught:
            with lock_folder(tmp_path, "ingest", timeout=0.5, notify=told.append):
                pytest.fail("took a lock another process holds")
        assert time.monotonic() - start >= 0.5
        assert len(told) == 1 and f"pid {holder.pid} (" in told[0] and "build since" in told[0], told
        assert f"pid {holder.pid}" in str(caught.value) and "gave up after 0 s" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = _holder(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with lock_folder(tmp_path, "ingest", timeout=0, notify=pytest.fail):
        pass


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    """A build holds the content lock while its ingest step takes it again."""
    with lock_folder(tmp_path, "build", timeout=0):
        with lock_folder(tmp_path, "ingest", timeout=0):
            pass
        # Still held after the inner block: another process cannot take it.
        proc = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                               "from site_builder.locks import lock_folder\n"
                               "with lock_folder(Path(sys.argv[1]), 'x', timeout=0, notify=lambda m: None): pass",
                               str(tmp_path)], capture_output=True, text=True)
        assert proc.returncode != 0 and "LockTimeout" in proc.stderr


def test_another_thread_waits_like_another_process(tmp_path):
    import threading

    order: list[str] = []
    with lock_folder(tmp_path, "build", timeout=0):
        def second() -> None:
            with lock_folder(tmp_path, "ingest", timeout=10, notify=lambda m: order.append("told")):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        order.append("first done")
    thread.join(10)
    assert order == ["told", "first done", "second"]
