"""Shared helpers for the hostile-input catalogue: sites with one bad input, output snapshots,
and the checks every built page and feed must pass whatever went in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from tests.support.sites import Run, make_site, run_cli

# Where the catalogue puts its articles inside the fixture site.
HOSTILE_DIR = Path("content") / "articles" / "2025" / "hostile"


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones too) -> sha256 of its bytes; symlinks as their target."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def front_matter(**fields: object) -> str:
    """YAML front-matter from keyword arguments, every value JSON-quoted (valid YAML flow)."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def article_text(body: str = "A story.\n", **fields: object) -> str:
    fields.setdefault("date", "2025-03-02T09:00:00+00:00")
    return front_matter(**fields) + body


def put(site: Path, name: str, data: str | bytes, folder: Path = HOSTILE_DIR) -> Path:
    path = site / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def build(site: Path, *args: str | Path) -> Run:
    return run_cli("build", "--site", site, "--no-ingest", *args)


# ---- a built site to start from --------------------------------------------------------------

@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once. Tests take copies (copied_site) rather than rebuild it."""
    site = make_site(tmp_path_factory.mktemp("hostile-base") / "site")
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def built_site(built_base: Path, tmp_path: Path) -> Path:
    """A private copy of the built fixture site: output/ and the build cache included."""
    site = tmp_path / "site"
    shutil.copytree(built_base, site, symlinks=True)
    return site


def assert_fails_cleanly(site: Path, result: Run, before: dict[str, str], *needles: str,
                         output: Path | None = None) -> None:
    """Exit 1, one 'error:' naming what is wrong, output/ byte-for-byte as it was, no staging left."""
    output = output or site / "output"
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "error:" in result.stderr, result.stderr
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in:\n{result.stderr}"
    assert snapshot(output) == before, "output/ changed after a failed build"
    assert not (output.parent / f".{output.name}.staging").exists(), "staging folder left behind"


# ---- what every built output must be, whatever went in ---------------------------------------

# What the hostile cases inject; none of it may ever reach a page as markup.
INJECTED = ("alert(", "onerror", "<img", "javascript:")


def unsafe_html(path: Path | str, data: bytes | None = None) -> list[str]:
    """Problems that would let text from elsewhere run in a reader's browser."""
    problems: list[str] = []
    doc = lxml.html.fromstring(data if data is not None else Path(path).read_bytes())
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script":
            text = element.text or ""
            if (element.get("type") or "").lower() == "application/ld+json":
                if "</script" in text.lower():
                    problems.append(f"{path}: JSON-LD contains '</script'")
            elif any(marker in text + (element.get("src") or "") for marker in INJECTED):
                # The theme's own scripts (the search page's) are allowed; injected ones are not.
                problems.append(f"{path}: injected <script> {text[:60]!r}")
        if tag in ("iframe", "object", "embed"):
            problems.append(f"{path}: <{tag}> element")
        if tag == "img" and (element.get("src") or "") == "x":
            problems.append(f"{path}: injected <img src=x>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{path}: <{tag} {name}={value!r}>")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href") \
                    and "".join(value.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                problems.append(f"{path}: <{tag} {name}={value!r}>")
    return problems


def check_outputs(output: Path) -> list[str]:
    """Every HTML page safe, every XML file well-formed, every JSON file valid. Returns problems."""
    problems: list[str] = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".html":
            problems.extend(unsafe_html(path))
            for script in lxml.html.fromstring(path.read_bytes()).iter("script"):
                if (script.get("type") or "").lower() == "application/ld+json":
                    try:
                        json.loads(script.text or "")
                    except ValueError as exc:
                        problems.append(f"{path}: JSON-LD is not JSON: {exc}")
        elif path.suffix == ".xml":
            try:
                lxml.etree.parse(str(path), lxml.etree.XMLParser(recover=False, resolve_entities=False))
            except lxml.etree.XMLSyntaxError as exc:
                problems.append(f"{path}: not well-formed XML: {exc}")
        elif path.suffix == ".json":
            try:
                json.loads(path.read_bytes().decode("utf-8"))
            except ValueError as exc:
                problems.append(f"{path}: not valid JSON: {exc}")
    return problems


def inside(output: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(output.resolve())
