"""tests/support/static_server.py behaves like GitHub Pages under a path prefix."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest

from support.static_server import serve_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "topics" / "politics").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    (tmp_path / "about.html").write_text("<p>about</p>", encoding="utf-8")
    (tmp_path / "topics" / "politics" / "index.html").write_text("<p>politics</p>", encoding="utf-8")
    (tmp_path / "feed.xml").write_bytes(b"<rss/>")
    (tmp_path / "caf\u00e9.html").write_text("<p>cafe</p>", encoding="utf-8")
    return tmp_path


def get(server, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_serves_under_the_prefix_like_github_pages(site: Path) -> None:
    with serve_site(site, "/repo/") as server:
        assert server.url == f"http://127.0.0.1:{server.port}/repo/"
        assert get(server, "/repo/")[2] == b"<p>home</p>"
        assert get(server, "/repo/topics/politics/")[2] == b"<p>politics</p>"
        assert get(server, "/repo/about")[2] == b"<p>about</p>"                   # x -> x.html
        assert get(server, "/repo/caf%C3%A9.html")[2] == b"<p>cafe</p>"
        status, headers, _ = get(server, "/repo/feed.xml")
        assert (status, headers["Content-Type"]) == (200, "application/xml")
        assert get(server, "/repo/topics/politics/?x=1#y")[0] == 200


def test_redirects_a_folder_without_its_slash(site: Path) -> None:
    with serve_site(site, "/repo/") as server:
        status, headers, _ = get(server, "/repo/topics/politics")
        assert (status, headers["Location"]) == (301, "/repo/topics/politics/")
        status, headers, _ = get(server, "/repo")
        assert (status, headers["Location"]) == (301, "/repo/")


@pytest.mark.parametrize("path", ["/index.html", "/topics/politics/", "/repo/nothing/", "/repo/../index.html",
                                  "/repo/%2e%2e/%2e%2e/etc/passwd", "/repository/"])
def test_misses_and_escapes_get_the_404_page(site: Path, path: str) -> None:
    with serve_site(site, "/repo/") as server:
        status, _, body = get(server, path)
        assert (status, body) == (404, b"<p>not here</p>")
        assert server.not_found() == [path]


def test_head_and_a_root_prefix(site: Path) -> None:
    with serve_site(site) as server:
        status, headers, body = get(server, "/", "HEAD")
        assert (status, body, headers["Content-Length"]) == (200, b"", str(len("<p>home</p>")))
        assert get(server, "/topics/politics/")[0] == 200
