"""The preview server under DNS rebinding of its websocket and with file descriptors exhausted
(issue 12, section 9)."""

from __future__ import annotations

import http.client
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.sites import interruptible, make_site

from .conftest import ServeProcess, serving


def _upgrade(server: ServeProcess, host: str, origin: str) -> bytes:
    request = (f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
               f"Origin: {origin}\r\n\r\n").encode()
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(request)
        return sock.recv(4096)


def test_the_reload_socket_refuses_a_rebound_host_with_a_matching_origin(site: Path):
    with serving(site) as server:
        host = f"evil.example:{server.port}"
        assert _upgrade(server, host, f"http://{host}").startswith(b"HTTP/1.1 403")
        # The page's own address still connects.
        local = f"127.0.0.1:{server.port}"
        assert _upgrade(server, local, f"http://{local}").startswith(b"HTTP/1.1 101")


LIMIT = 40   # descriptors: enough to start and serve, few enough to run out with 80 connections


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_out_of_file_descriptors_the_server_backs_off_and_logs_once(tmp_path: Path):
    site = make_site(tmp_path / "site")
    errors = tmp_path / "stderr.txt"

    def lower_limit() -> None:
        interruptible()
        resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))

    with open(errors, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port", "0"],
                                stdout=subprocess.PIPE, stderr=err, preexec_fn=lower_limit)
    try:
        port = None
        for line in proc.stdout:  # type: ignore[union-attr]
            found = re.search(rb"^Serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        assert port is not None, errors.read_text()
        held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(2 * LIMIT)]
        time.sleep(0.5)
        cpu, size = _cpu_seconds(proc.pid), errors.stat().st_size
        time.sleep(2.0)
        cpu, size = _cpu_seconds(proc.pid) - cpu, errors.stat().st_size - size
        text = errors.read_text()
        # Spinning, it wrote megabytes of tracebacks and used all the CPU it was given.
        assert "Traceback" not in text, text[-2000:]
        assert text.count("cannot accept connections: Too many open files") == 1, text
        assert size < 1000, f"{size} bytes of log in 2 s"
        assert cpu < 0.5, f"{cpu:.2f} s of CPU in 2 s while waiting"
        for sock in held:
            sock.close()
        deadline = time.monotonic() + 10
        while True:   # the connections it accepted close; it serves again
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/news/", headers={"Connection": "close"})
                assert conn.getresponse().status == 200
                break
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
