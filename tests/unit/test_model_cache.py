"""model_cache.py: the site model's shape kept between builds and put back around the articles
when their metadata (cache.ArticleCache.metadata_token), the config and the clock allow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from site_builder import model_cache
from site_builder.cache import ArticleCache
from site_builder.model_cache import fits, put_together, shape_key, site_model, take_apart
from site_builder.models import Article
from site_builder.taxonomy import build_site_model
from tests.unit.stories import NOW, config, story


def _stories() -> tuple[Article, ...]:
    """Two derived slugs alike on one day (numbered), a held-back story, a draft, shared terms."""
    return (
        story("vote-count", 1, topics=("politics",), regions=("nordic",), people=("Anna Berg",)),
        story("vote-count", 2, path="content/articles/vote-count-b.md", slug_is_explicit=False,
              topics=("politics",), people=("anna berg",)),
        story("vote-count", 3, path="content/articles/vote-count-c.md", slug_is_explicit=False,
              organizations=("UN",)),
        story("cup-final", 5, topics=("sport",), people=("Anna Berg",)),
        story("tomorrow", -24, topics=("sport",)),
        story("unfinished", 4, draft=True),
        story("old-news", 24 * 10, topics=("politics",), edition=date(2025, 4, 16)),
    )


def _entries(articles: tuple[Article, ...]) -> dict[str, tuple[int, int, Article]]:
    return {a.path: (1, 1, replace(a, body="")) for a in articles}


def test_a_model_taken_apart_and_put_together_is_the_model(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    articles = _stories()
    model, notices = build_site_model(articles, cfg, NOW)
    assert any(a.slug == "vote-count-2" for a in model.articles) and model.held_back and model.drafts == 1
    shape = take_apart(articles, model, notices, "k", cfg)
    assert put_together(shape, articles) == model
    assert fits(shape, "k", NOW) and not fits(shape, "other", NOW)


def test_the_shape_stops_fitting_when_a_held_back_story_comes_due_or_the_clock_goes_back(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    articles = _stories()
    shape = take_apart(articles, *build_site_model(articles, cfg, NOW), "k", cfg)
    assert fits(shape, "k", NOW + timedelta(hours=23))
    assert not fits(shape, "k", NOW + timedelta(hours=24))     # "tomorrow" is due
    assert not fits(shape, "k", NOW - timedelta(hours=2))      # "vote-count" would be held back


def _build(cache_dir: Path, articles: tuple[Article, ...], cfg, reread: set[str]):
    """One build's use of the cache: load, model, save (as build._build does)."""
    cache = ArticleCache(cache_dir, "key")
    fresh = _entries(articles)
    model, notices = site_model(articles, cfg, NOW, cache, fresh, reread)
    cache.save(fresh, reread)
    return model, notices


def test_a_body_edit_reuses_the_model_and_a_metadata_edit_regroups(tmp_path: Path, monkeypatch) -> None:
    cfg = config(tmp_path / "site")
    articles = _stories()
    calls = []
    real = model_cache.build_site_model
    monkeypatch.setattr(model_cache, "build_site_model", lambda *a: calls.append(1) or real(*a))
    folder = tmp_path / "cache"
    _build(folder, articles, cfg, {a.path for a in articles})
    assert len(calls) == 1

    edited = tuple(replace(a, body="New text.", content_hash="new") if a.slug == "cup-final" else a for a in articles)
    model, notices = _build(folder, edited, cfg, {"content/articles/cup-final.md"})
    assert len(calls) == 1                                   # put back, not regrouped
    assert (model, notices) == real(edited, cfg, NOW)
    assert any(a.content_hash == "new" for a in model.articles)   # around this build's articles

    moved = tuple(replace(a, people=("Lars Holm",)) if a.slug == "cup-final" else a for a in edited)
    model, notices = _build(folder, moved, cfg, {"content/articles/cup-final.md"})
    assert len(calls) == 2
    assert (model, notices) == real(moved, cfg, NOW)
    assert model.people.term("lars-holm") is not None

    fewer = tuple(a for a in moved if a.slug != "old-news")   # a story removed: no file read afresh
    model, _ = _build(folder, fewer, cfg, set())
    assert len(calls) == 3 and model == real(fewer, cfg, NOW)[0]


def test_a_config_change_regroups(tmp_path: Path) -> None:
    articles = _stories()
    folder = tmp_path / "cache"
    _build(folder, articles, config(tmp_path / "site"), {a.path for a in articles})
    relabelled = config(tmp_path / "site", topics={"politics": {"label": "Government", "iptc": "11000000"}})
    model, _ = _build(folder, articles, relabelled, set())
    assert model.topics.term("politics").label == "Government"


def test_the_token_is_kept_by_a_body_edit_and_changed_by_any_other(tmp_path: Path) -> None:
    articles = _stories()
    entries = _entries(articles)
    ArticleCache(tmp_path, "key").save(entries, set(entries))
    first = ArticleCache(tmp_path, "key").token
    body = dict(entries, **{articles[0].path: (2, 2, replace(articles[0], body="", content_hash="x"))})
    cache = ArticleCache(tmp_path, "key")
    cache.save(body, {articles[0].path})
    assert cache.token == first == ArticleCache(tmp_path, "key").token
    retitled = dict(body, **{articles[0].path: (3, 3, replace(articles[0], title="Another", body=""))})
    cache = ArticleCache(tmp_path, "key")
    cache.save(retitled, {articles[0].path})
    assert cache.token != first and ArticleCache(tmp_path, "key").token == cache.token
    assert ArticleCache(tmp_path, "other key").token != cache.token


def test_a_save_stopped_midway_leaves_no_token_naming_the_old_metadata(tmp_path: Path, monkeypatch) -> None:
    """The shards changed but the token was not written: the next build must not put back the
    model saved under the old token."""
    import site_builder.cache as cache_module

    articles = _stories()
    entries = _entries(articles)
    ArticleCache(tmp_path, "key").save(entries, set(entries))
    old = ArticleCache(tmp_path, "key").token
    retitled = dict(entries, **{articles[0].path: (3, 3, replace(articles[0], title="Another", body=""))})
    real = cache_module.write_cache_file
    monkeypatch.setattr(cache_module, "write_cache_file",
                        lambda path, data: real(path, data) if path.suffix == ".pickle" else (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        ArticleCache(tmp_path, "key").save(retitled, {articles[0].path})
    assert ArticleCache(tmp_path, "key").token != old


def test_a_damaged_shape_file_is_only_a_regroup(tmp_path: Path) -> None:
    cfg = config(tmp_path / "site")
    articles = _stories()
    folder = tmp_path / "cache"
    _build(folder, articles, cfg, {a.path for a in articles})
    (folder / model_cache.SHAPE_FILE).write_bytes(b"not a pickle")
    assert _build(folder, articles, cfg, set()) == build_site_model(articles, cfg, NOW)


def test_shape_key_names_code_token_and_config(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    keys = {shape_key("a", "t", cfg), shape_key("b", "t", cfg), shape_key("a", "u", cfg),
            shape_key("a", "t", config(tmp_path, title="Other"))}
    assert len(keys) == 4
