"""The build's load stage: every article, read afresh only when its file changed, and the
Markdown of those rendered (in worker processes when there are many)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo
from operator import itemgetter
from typing import TYPE_CHECKING

from site_builder.content import ArticleFile, file_columns, parse_article, too_large_article
from site_builder.errors import ContentError, Notice, SiteBuilderError
from site_builder.limits import MAX_ARTICLE_BYTES, FileRefused, FileTooLarge, read_regular_file
from site_builder.models import Article, ArticleList
from site_builder.pool import map_chunks

if TYPE_CHECKING:
    from site_builder.cache import ArticleCache, BodyCache, Entry

ReadResult = tuple[int, "Article | None", str, tuple[Notice, ...], "SiteBuilderError | None"]


@dataclass(frozen=True, slots=True)
class ReadJob:
    """Parse and render each file: (index, article without body, body HTML, notices, error)."""

    files: tuple[ArticleFile, ...]
    tz: tzinfo

    def __call__(self, indices: list[int]) -> list[ReadResult]:
        from site_builder.markdown import render_markdown

        results: list[ReadResult] = []
        for index in indices:
            try:
                article, notices = read_one(self.files[index], self.tz)
            except SiteBuilderError as exc:
                results.append((index, None, "", (), exc))
                continue
            results.append((index, replace(article, body=""), render_markdown(article.body), notices, None))
        return results


def load_articles(files: tuple[ArticleFile, ...], tz: tzinfo, cache: ArticleCache, bodies: BodyCache,
                  jobs: int) -> tuple[ArticleList, dict[str, Entry], list[Notice], set[str]]:
    """Every article, read afresh only when its file changed; Markdown rendered for those only.

    Returns the articles (those not read afresh made from the cache's values when a stage reads
    them: models.ArticleList), the cache entries to keep, the notices about the files read afresh,
    and those files' paths."""
    entries = cache.entries(files)
    todo = [i for i, entry in enumerate(entries) if entry is None]
    notices: list[Notice] = []
    errors: list[SiteBuilderError] = []
    if todo:
        # Every file read afresh is rendered, even one whose text an unchanged file has (its body
        # is in the body cache then): finding those took a pass over every cached story (0.05 s
        # at 100,000), and making their Articles (models.ArticleList) 0.6 s.
        results: list[ReadResult] = []
        for part in map_chunks(ReadJob(files, tz), todo, jobs):
            results.extend(part)
            # Stored as each chunk arrives: this process would otherwise only wait for the
            # workers (at 100,000 stories, 2.5 s of a serial step saved).
            bodies.put_many({article.content_hash: html for _, article, html, _, error in part
                             if error is None and html})  # type: ignore[union-attr]
        for index, article, html, found, error in sorted(results, key=lambda r: r[0]):
            if error is not None:
                errors.append(error)
                continue
            file = files[index]
            entries[index] = (file.mtime_ns, file.size, article)  # type: ignore[arg-type]
            notices.extend(found)
    if errors:
        listing = "\n  ".join(str(e) for e in errors)
        raise ContentError(f"{len(errors)} article(s) cannot be read:\n  {listing}")
    paths = file_columns(files)[0]
    fresh = dict(zip(paths, entries))  # type: ignore[arg-type]
    final = ArticleList(list(map(itemgetter(2), entries)), paths)
    return final, fresh, notices, {files[i].path for i in todo}


def read_one(file: ArticleFile, tz: tzinfo) -> tuple[Article, tuple[Notice, ...]]:
    try:
        data = read_regular_file(file.abs_path, MAX_ARTICLE_BYTES, "an article")
    except FileNotFoundError:
        raise ContentError("was deleted while the build was reading it; build again", path=file.path) from None
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror}", path=file.path) from None
    except FileTooLarge as exc:
        raise ContentError(too_large_article(exc.size), path=file.path) from None
    except FileRefused as exc:
        raise ContentError(str(exc), path=file.path) from None
    return parse_article(file.path, data, tz)
