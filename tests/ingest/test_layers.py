"""Ingest's seams: it imports only the shared bottom layers, and segmentation is given its place knowledge."""

from __future__ import annotations

import ast
from pathlib import Path

from site_builder.ingest.digest import split_lines
from site_builder.ingest.segment import training_rows

INGEST = Path(__file__).resolve().parents[2] / "site_builder" / "ingest"
BOTTOM = {"atomic", "config", "confine", "errors", "limits", "locks", "sentences", "slugs", "yamlsafe"}


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("site_builder"):
            parts = node.module.split(".")
            found |= {f"{node.module}.{a.name}" for a in node.names} if len(parts) == 1 else {node.module}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("site_builder")}
    return found


def test_ingest_imports_nothing_from_the_build_side() -> None:
    for path in INGEST.glob("*.py"):
        for module in _imported(path):
            layer = module.split(".")[1]
            assert layer == "ingest" or layer in BOTTOM, f"{path.name} imports {module}"


def test_no_import_is_guarded() -> None:
    for path in INGEST.glob("*.py"):
        assert "except ImportError" not in path.read_text(encoding="utf-8"), path.name


LEDES = ("Heavy snow closed schools and roads across the north of Poland on Monday, stranding "
         "thousands of drivers for hours, officials said.\n"
         "Heavy rain flooded streets and homes across the south of Brazil on Monday, leaving "
         "thousands of families without power for hours, officials said.\n")


def test_segmentation_uses_the_place_knowledge_it_is_given() -> None:
    lines = split_lines(LEDES)
    given = {"Poland": ("PL",), "Brazil": ("BR",)}

    def countries(text: str) -> tuple[str, ...]:
        return next((codes for name, codes in given.items() if name in text), ())

    rows_with = training_rows(lines, set(), countries=countries)
    rows_without = training_rows(lines, set(), countries=lambda text: ())
    assert [f.get("new_countries") for f, _ in rows_with] == [1.0]
    assert [f.get("new_countries") for f, _ in rows_without] == [0.0]
