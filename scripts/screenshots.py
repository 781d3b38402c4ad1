#!/usr/bin/env python3
"""Screenshots of the example site for the README: the front page, a story and a topic page, at
phone (390x844) and desktop (1280x900) widths, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--scheme light|dark]

The repository root is the example site. It is copied to a temporary folder and built there
(ingesting content/digests/ as `site-builder build` does), so neither content/ nor output/ of the
working tree is touched; the copy is served on 127.0.0.1 under the site's path prefix, as GitHub
Pages serves it. Writes docs/screenshots/{front,article,topic}-{phone,desktop}.png
(with --scheme dark: ...-{phone,desktop}-dark.png).
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.browser import launch_browser, tofu_characters  # noqa: E402

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
MAX_HEIGHT = 2400   # a full-page shot is cut here: the README needs the top, not 40 cards
SITE_PARTS = ("config.yaml", "content", "theme", "templates", "static")
STORY = re.compile(r"\d{4}/\d\d/\d\d/[^/]+\.html$")


def build_copy(work: Path) -> tuple[Path, str]:
    """Copy the example site into work/site, build it; return (output folder, path prefix)."""
    site = work / "site"
    site.mkdir()
    for name in SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, site / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, site / name)
    output = work / "output"
    proc = subprocess.run([sys.executable, "-m", "site_builder", "build", "--site", str(site), "--output",
                           str(output), "--quiet"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout}{proc.stderr}")
    print(proc.stdout.strip())
    return output, _prefix(site / "config.yaml")


def _prefix(config: Path) -> str:
    import yaml
    site_url = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


@contextmanager
def serve(root: Path, prefix: str):
    """Serve root at http://127.0.0.1:PORT{prefix}; anything outside the prefix is a 404."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            rel = path.split("?", 1)[0].split("#", 1)[0]
            if not rel.startswith(prefix):
                return str(root / ".outside-prefix")
            return super().translate_path("/" + rel[len(prefix):])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def pick_routes(output: Path) -> dict[str, str]:
    """The front page, the newest story with the longest body among the first, the busiest topic."""
    stories = sorted((p for p in output.rglob("*.html") if STORY.search(p.relative_to(output).as_posix())),
                     key=lambda p: p.relative_to(output).as_posix(), reverse=True)
    if not stories:
        raise SystemExit("the built site has no stories")
    newest_day = stories[0].parent
    story = max((p for p in stories if p.parent == newest_day), key=lambda p: p.stat().st_size)
    topics = [p for p in (output / "topics").glob("*/index.html")]
    if not topics:
        raise SystemExit("the built site has no topic pages")
    topic = max(topics, key=lambda p: (p.stat().st_size, p.parent.name))
    return {"front": "", "article": story.relative_to(output).as_posix(),
            "topic": topic.parent.relative_to(output).as_posix() + "/"}


def shoot(base: str, routes: dict[str, str], out: Path, scheme: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for width_name, (width, height) in WIDTHS.items():
        with launch_browser(viewport=(width, height)) as context:
            page = context.new_page()
            page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
            for name, route in routes.items():
                response = page.goto(base + route)
                if response is None or response.status != 200:
                    raise SystemExit(f"{base + route}: HTTP {response.status if response else '?'}")
                page.wait_for_load_state("networkidle")
                tofu = tofu_characters(page)
                if tofu:
                    raise SystemExit(f"{base + route}: {len(tofu)} character(s) drawn as empty boxes "
                                     f"({''.join(tofu[:10])}): install a CJK font (Debian: fonts-noto-cjk)")
                full = page.evaluate("() => document.documentElement.scrollHeight")
                suffix = "" if scheme == "light" else f"-{scheme}"
                target = out / f"{name}-{width_name}{suffix}.png"
                clip = None if full <= MAX_HEIGHT else {"x": 0, "y": 0, "width": width, "height": MAX_HEIGHT}
                page.screenshot(path=str(target), full_page=True, clip=clip)
                written.append(target)
                print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}  <- {route or '/'}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots", help="where to write the PNGs")
    parser.add_argument("--scheme", choices=("light", "dark"), default="light", help="colour scheme to emulate")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sb-screenshots-") as tmp:
        output, prefix = build_copy(Path(tmp))
        routes = pick_routes(output)
        with serve(output, prefix) as base:
            shoot(base, routes, args.out.resolve(), args.scheme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
