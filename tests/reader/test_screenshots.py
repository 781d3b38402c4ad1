"""scripts/screenshots.py renders the example site's pages at phone and desktop widths."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, _require_browser

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots_script(tmp_path: Path) -> None:
    _require_browser()
    before = sorted((REPO / "content").rglob("*"))
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "screenshots.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ("front", "article", "topic"):
        for width_name, width in (("phone", 390), ("desktop", 1280)):
            shot = tmp_path / f"{page}-{width_name}.png"
            assert shot.exists(), f"missing {shot.name}\n{proc.stdout}"
            w, h = png_size(shot)
            assert w == width and 300 < h <= 2400, (shot.name, w, h)
    assert sorted((REPO / "content").rglob("*")) == before, "the script changed the work tree's content/"


def test_tofu_check_tells_drawn_characters_from_empty_boxes() -> None:
    """The screenshot script's check: private-use characters (no font has them) are boxes;
    Chinese, Japanese and Korean text is drawn (scripts/install-test-deps.sh installs the font)."""
    _require_browser()
    from support.browser import launch_browser, tofu_characters
    with launch_browser() as context:
        page = context.new_page()
        page.set_content("<p>x</p>")
        # Every box looks alike: all but at most the first are caught as repeats.
        assert len(tofu_characters(page, "\ue000\ue001\ue002")) >= 2
        assert tofu_characters(page, "中華民國臺灣 日本語のかな 한국어") == []
