"""The build's load stage: every article, read afresh only when its file changed, and the
Markdown of those rendered (in worker processes when there are many)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import TYPE_CHECKING

from site_builder.content import ArticleFile, parse_article, too_large_article
from site_builder.errors import ContentError, Notice, SiteBuilderError
from site_builder.limits import MAX_ARTICLE_BYTES, FileRefused, FileTooLarge, read_regular_file
from site_builder.models import Article, ArticleList, stored_content_hash
from site_builder.pool import in_parallel, map_chunks

if TYPE_CHECKING:
    from site_builder.cache import ArticleCache, BodyCache, Entry

ReadResult = tuple[int, "Article | None", str, tuple[Notice, ...], "SiteBuilderError | None"]


@dataclass(frozen=True, slots=True)
class ReadJob:
    """Parse and render each file: (index, article without body, body HTML, notices, error).
    Bodies whose hash is in `known` are in the body cache already and are not rendered again."""

    files: tuple[ArticleFile, ...]
    tz: tzinfo
    known: frozenset[str]

    def __call__(self, indices: list[int]) -> list[ReadResult]:
        from site_builder.markdown import render_markdown

        results: list[ReadResult] = []
        for index in indices:
            try:
                article, notices = read_one(self.files[index], self.tz)
            except SiteBuilderError as exc:
                results.append((index, None, "", (), exc))
                continue
            html = "" if article.content_hash in self.known else render_markdown(article.body)
            results.append((index, replace(article, body=""), html, notices, None))
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
        # The article cache is keyed by the body cache's generation: what it holds has a body there.
        # That spares rendering a file whose text another, unchanged file has: worth a pass over
        # every entry (0.05 s at 100,000 stories) only for a batch read by the workers, not for
        # the few files of an edit, which are rendered again to the same HTML.
        rendered = frozenset(stored_content_hash(entry[2]) for entry in entries if entry is not None) \
            if in_parallel(jobs, len(todo)) else frozenset()
        results: list[ReadResult] = []
        for part in map_chunks(ReadJob(files, tz, rendered), todo, jobs):
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
    paths = [f.path for f in files]
    fresh = dict(zip(paths, entries))  # type: ignore[arg-type]
    final = ArticleList([entry[2] for entry in entries], paths)  # type: ignore[index]
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
