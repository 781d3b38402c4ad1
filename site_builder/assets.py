"""The site's files published as they are: the theme's and the site's static/ folders, and
the site's root/ folder (CNAME, verification files). Each as (route, source path, content hash)."""

from __future__ import annotations

from pathlib import Path

from site_builder import urls
from site_builder.config import SiteConfig
from site_builder.errors import Notice
from site_builder.writer import sha

ROOT_FILES_DIR = "root"   # the site's files published at the site's root as they are: CNAME, verification files


def static_files(config: SiteConfig, notices: list[Notice] | None = None) -> tuple[tuple[str, Path, str], ...]:
    """Theme static files, then the site's own static/ folder, which wins on a clash.

    Regular files only, and no symlink that leaves the site (or the theme's) folder: each such
    link is skipped with a notice (confine.py)."""
    from site_builder.confine import confined_files, site_roots

    found: dict[str, Path] = {}
    roots = site_roots(config.site_dir, config.theme_dir)
    skipped = notices if notices is not None else []
    for folder in (config.theme_dir / "static", config.site_dir / "static"):
        for path in confined_files(folder, roots, lambda p: _shown(p, config), skipped):
            if not path.name.startswith("."):
                found[urls.static_route(path.relative_to(folder).as_posix())] = path
    return tuple((route, path, sha(path.read_bytes())) for route, path in sorted(found.items()))


def root_files(config: SiteConfig, notices: list[Notice] | None = None) -> tuple[tuple[str, Path, str], ...]:
    """The site's root/ folder, copied to the top of output/ on every build (GitHub Pages'
    CNAME, a search engine's verification file): files a build wrote, so never deleted by one.
    No symlink that leaves the site is followed (confine.py), as for static/."""
    from site_builder.confine import confined_files, site_roots

    folder = config.site_dir / ROOT_FILES_DIR
    skipped = notices if notices is not None else []
    found = {path.relative_to(folder).as_posix(): path
             for path in confined_files(folder, site_roots(config.site_dir, config.theme_dir),
                                        lambda p: _shown(p, config), skipped)
             if not path.name.startswith(".")}
    return tuple((route, path, sha(path.read_bytes())) for route, path in sorted(found.items()))


def _shown(path: str, config: SiteConfig) -> str:
    """A path as warnings name it: relative to the site folder when inside it."""
    try:
        return Path(path).relative_to(config.site_dir).as_posix()
    except ValueError:
        return path
