"""The process pools a huge digest uses give exactly what the plain loop gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import site_builder.ingest as ingest
from site_builder.config import load_config
from site_builder.ingest.digest import read_digest
from site_builder.ingest.segment import segment
from site_builder.ingest.workers import pool_map
from site_builder.sentences import first_sentence, sentence_count, sentences

DIGESTS = sorted((Path(__file__).parent / "digests").glob("*.txt"))
REPO = Path(__file__).resolve().parents[2]


def test_segmentation_with_a_pool_is_the_same() -> None:
    lines = read_digest(DIGESTS[0])
    with pool_map(True, chunksize=3) as mapper:
        pooled = segment(lines, mapper=mapper)
    assert pooled == segment(lines)


def test_stories_built_by_a_pool_are_the_same(monkeypatch) -> None:
    config = load_config(REPO)
    segments = segment(read_digest(DIGESTS[0]))
    serial = ingest._build_stories(segments, date(2025, 1, 1), config)
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)   # a pool from 2 stories on
    assert ingest._build_stories(segments, date(2025, 1, 1), config) == serial


def test_lazy_sentence_helpers_agree_with_the_splitter() -> None:
    for text in ["", "   ", "Mr. Lee went home. He slept.", "One. Two! Three? Four…", "am 20. März kam er."]:
        parts = sentences(text)
        assert first_sentence(text) == (parts[0] if parts else "")
        assert sentence_count(text) == len(parts)
        assert sentence_count(text, at_most=2) == min(len(parts), 2)


def test_the_parents_chore_runs_once_while_the_workers_start() -> None:
    chores: list[int] = []
    with pool_map(True, chunksize=1, meanwhile=lambda: chores.append(1)) as mapper:
        assert list(mapper(abs, [-1, -2, 3])) == [1, 2, 3]
    assert chores == [1]


def test_without_a_pool_the_builtin_map_is_used() -> None:
    with pool_map(False, chunksize=1, meanwhile=lambda: 1 / 0) as mapper:
        assert mapper is map
