"""The preview server against hostile and malformed requests (issue 6), over raw sockets.

Whatever is asked, it serves only files inside output/, and it keeps answering afterwards.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.support.sites import make_site

from .conftest import ServeProcess, serving

SECRET = "TOP-SECRET-NOT-FOR-THE-WEB"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """One server for the module: nothing here changes the site's sources, so nothing rebuilds."""
    with serving(make_site(tmp_path_factory.mktemp("serve") / "site")) as process:
        yield process
    assert "changed:" not in process.output, process.output  # links in output/ are not sources


@pytest.fixture(scope="module")
def hostile(server: ServeProcess) -> ServeProcess:
    """A secret next to output/ and links in output/ that point out of it (made after the build)."""
    site = server.site
    (site / "secret.txt").write_text(SECRET, encoding="utf-8")
    (site / "secret-dir").mkdir()
    (site / "secret-dir" / "index.html").write_text(f"<html><head></head>{SECRET}</html>", encoding="utf-8")
    out = site / "output"
    os.symlink(site / "secret.txt", out / "leak.txt")
    os.symlink(site / "secret-dir", out / "leakdir")
    os.symlink("../secret.txt", out / "relative-leak.txt")
    os.symlink("/etc/passwd", out / "passwd.txt")
    os.symlink(out / "404.html", out / "inside-link.html")  # points inside output/: fine
    os.mkfifo(out / "fifo.html")  # opening a FIFO would hang a naive server
    return server


def raw_request(server: ServeProcess, data: bytes, *, timeout: float = 10.0) -> bytes:
    """Send bytes as they are; return whatever comes back before the server closes or goes quiet."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def get_raw(server: ServeProcess, target: bytes) -> tuple[int, bytes]:
    response = raw_request(server, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    status_line = response.split(b"\r\n", 1)[0]
    parts = status_line.split()
    assert len(parts) >= 2 and parts[0].startswith(b"HTTP/"), response[:200]
    return int(parts[1]), response


def assert_still_serving(server: ServeProcess) -> None:
    status, _headers, body = server.get(server.prefix)
    assert status == 200
    assert b"</html>" in body.lower()


TRAVERSALS = [
    b"/news/../secret.txt",
    b"/news/../../../../etc/passwd",
    b"/news/%2e%2e/secret.txt",
    b"/news/%2E%2E%2Fsecret.txt",
    b"/news/..%2fsecret.txt",
    b"/news/..%5csecret.txt",
    b"/news/%252e%252e/secret.txt",
    b"/news/.%2e/.%2e/secret.txt",
    b"/news/..;/secret.txt",
    b"/news//../secret.txt",
    b"/news/./../secret.txt",
    b"/../secret.txt",
    b"/secret.txt",
    b"//etc/passwd",
    b"/news//etc/passwd",
    b"/news/%2fetc%2fpasswd",
    b"/news/leak.txt",
    b"/news/relative-leak.txt",
    b"/news/passwd.txt",
    b"/news/leakdir/",
    b"/news/leakdir/index.html",
    b"/news/leakdir",
    b"/news/secret.txt%00.html",
    b"/news/index.html%00",
    b"/news/%00",
    b"/news/\xff\xfe.html",
    b"/news/%ff%fe.html",
    b"/news/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 for '..'
    b"/news/fifo.html",
    b"/news/" + b"a" * 5000,
    b"/news/" + b"a/" * 3000,
    b"http://127.0.0.1/news/../secret.txt",
    b"*",
]


@pytest.mark.parametrize("target", TRAVERSALS, ids=lambda t: t.decode("latin-1")[:40])
def test_nothing_outside_output_is_served(hostile: ServeProcess, target: bytes) -> None:
    status, response = get_raw(hostile, target)
    assert SECRET.encode() not in response
    assert b"root:x:0:0" not in response
    assert status in (301, 302, 400, 403, 404), response[:300]
    assert_still_serving(hostile)


def test_a_link_inside_output_is_served(hostile: ServeProcess) -> None:
    status, _headers, _body = hostile.get("/news/inside-link.html")
    assert status == 200


@pytest.mark.parametrize("data", [
    b"HELLO\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET /news/\r\n\r\n",                        # HTTP/0.9
    b"GET /news/ HTTP/9.9\r\nHost: x\r\n\r\n",
    b"\x00\x01\x02\xff\xfe garbage \r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(200),  # a TLS ClientHello
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(5000)) + b"\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\n\r\nabc",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=zzz\r\nConnection: close\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=999999999-5\r\nConnection: close\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=" + b"0-1," * 2000 + b"\r\nConnection: close\r\n\r\n",
    b"BREW /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"POST /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    b"GET /news/ HTTP/1.1\r\nHost: \xff\xfe\r\nConnection: close\r\n\r\n",
    b"GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # never finished
    b"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    (b"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
     b"Origin: http://evil.example\r\n\r\n"),
], ids=lambda d: repr(d[:30]))
def test_malformed_requests_do_not_kill_the_server(server: ServeProcess, data: bytes) -> None:
    response = raw_request(server, data, timeout=3.0)
    assert b"Traceback" not in response
    if response.startswith(b"HTTP/"):
        assert int(response.split()[1]) != 500, response[:300]
    assert_still_serving(server)


def test_websocket_from_another_origin_is_refused(server: ServeProcess) -> None:
    response = raw_request(server, b"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                   b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                   b"Sec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n", timeout=3.0)
    assert response.startswith(b"HTTP/1.1 403"), response[:200]


def test_head_has_headers_and_no_body(server: ServeProcess) -> None:
    _status, response = get_raw(server, b"/news/")
    length = int(next(line.split(b":")[1] for line in response.split(b"\r\n") if line.lower().startswith(b"content-length")))
    head = raw_request(server, b"HEAD /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    headers, _, body = head.partition(b"\r\n\r\n")
    assert headers.startswith(b"HTTP/1.1 200")
    assert f"content-length: {length}".encode() in headers.lower()
    assert body == b""


def test_a_foreign_host_name_is_refused(server: ServeProcess) -> None:
    """DNS rebinding: evil.example resolving to 127.0.0.1 must not let its pages read the preview."""
    status, _headers, _body = server.get("/news/", headers={"Host": "evil.example"})
    assert status == 403
    status, _headers, _body = server.get("/news/", headers={"Host": f"localhost:{server.port}"})
    assert status == 200


def test_binds_127_0_0_1_by_default(server: ServeProcess) -> None:
    assert server.host == "127.0.0.1"
    listening = _listening_addresses(server.port)
    if listening is None:
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert listening == {"127.0.0.1"}, listening


def _listening_addresses(port: int) -> set[str] | None:
    """Local addresses of sockets listening on port (Linux /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    seen_any = False
    for name, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        seen_any = True
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:
                continue
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8))
                found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found if seen_any else None


def test_root_redirects_to_the_prefix_and_misses_get_the_404_page(server: ServeProcess) -> None:
    status, headers, _body = server.get("/")
    assert status in (301, 302) and headers["location"] == "/news/"
    status, headers, _body = server.get("/news")
    assert status in (301, 302) and headers["location"] == "/news/"
    status, headers, _body = server.get("/news/topics")
    assert status in (301, 302) and headers["location"] == "/news/topics/"
    status, headers, body = server.get("/news/no-such-page/")
    assert status == 404
    assert body == _with_script(server.site / "output" / "404.html")


def test_pages_get_the_reload_script_and_feeds_stay_untouched(server: ServeProcess) -> None:
    out = server.site / "output"
    status, headers, body = server.get("/news/")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body.count(b"/livereload.js") == 1
    assert body.replace(body[body.index(b"<script>(function(){"):body.index(b"</script>", body.index(
        b"<script>(function(){")) + 9], b"") == (out / "index.html").read_bytes()
    status, headers, body = server.get("/news/feed.xml")
    assert status == 200 and body == (out / "feed.xml").read_bytes()
    assert headers["content-type"].startswith("application/xml")
    status, _headers, body = server.get("/livereload.js")
    assert status == 200 and b"LiveReload" in body


def _with_script(path: Path) -> bytes:
    from site_builder.server import inject_script

    return inject_script(path.read_bytes())
