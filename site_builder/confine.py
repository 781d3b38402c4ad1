"""Nothing from outside the site is read as its input: symlinks that leave it are not followed.

`static/env.txt -> /proc/self/environ` published the build's environment (secrets included), and
a symlinked `.md` pointing outside the site became a story. A symlink is followed only when
the file or folder it resolves to lies inside one of the given roots (the site folder, and the
theme folder wherever config.yaml puts it); any other is skipped with a warning naming it.
Symlinks that stay inside keep working. A loop is reported (SymlinkLoop), never followed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Callable

from site_builder.errors import ContentError, Notice


class SymlinkLoop(ContentError):
    """A symlink that leads back to itself: it names no file."""


def within(target: str, roots: tuple[str, ...]) -> bool:
    """True when the resolved path target is one of roots or inside one (all resolved)."""
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def resolve_link(path: str, roots: tuple[str, ...], shown: str) -> tuple[str | None, Notice | None]:
    """Where the symlink at path leads, if it may be followed: (target, None); (None, notice) when
    it leaves the roots; (None, None) when it leads nowhere (a dangling link is skipped silently,
    as it always was). Raises SymlinkLoop for a loop."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SymlinkLoop("is a symlink loop (it leads back to itself): remove it or point it at a file",
                              path=shown) from None
        return None, None
    except RuntimeError:   # older Pythons report a loop this way
        raise SymlinkLoop("is a symlink loop (it leads back to itself): remove it or point it at a file",
                          path=shown) from None
    if not within(target, roots):
        return None, Notice(shown, f"is a symlink to {target}, outside the site folder: skipped "
                                   "(copy the file into the site to publish it)")
    return target, None


def site_roots(*folders: Path) -> tuple[str, ...]:
    """The folders symlinks may lead into, resolved."""
    return tuple(dict.fromkeys(os.path.realpath(folder) for folder in folders))


def confined_files(folder: Path, roots: tuple[str, ...], shown: Callable[[str], str],
                   notices: list[Notice]) -> list[Path]:
    """Every regular file under folder, through symlinks only where they stay inside roots.

    Paths are as reached (a file through a symlinked folder keeps the link's name). shown(path)
    names a path in a warning (relative to the site). A symlink loop, and a folder reached twice,
    is skipped with a warning: a static file is not worth stopping a build for.
    """
    found: list[Path] = []
    if not folder.is_dir():
        return found
    seen = {os.path.realpath(folder)}
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = entry.path
            if entry.is_symlink():
                try:
                    target, notice = resolve_link(path, roots, shown(path))
                except SymlinkLoop as exc:
                    notices.append(Notice(shown(path), exc.message + "; skipped"))
                    continue
                if notice is not None:
                    notices.append(notice)
                if target is None:
                    continue
                try:
                    mode = os.stat(target).st_mode
                except OSError:
                    continue
                if stat.S_ISDIR(mode):
                    if target not in seen:
                        seen.add(target)
                        stack.append(path)
                elif stat.S_ISREG(mode):
                    found.append(Path(path))
            elif entry.is_dir(follow_symlinks=False):
                real = os.path.realpath(path)
                if real not in seen:
                    seen.add(real)
                    stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append(Path(path))
    return found


# The site's input folders: an output folder inside one of them (or holding one) would be read
# back as input on the next build, or have its stale-file clean-up delete what a person wrote.
def source_folders(site_dir: Path, theme_dir: Path, templates_dir: Path, content_dir: Path) -> tuple[tuple[str, Path], ...]:
    return (("static/", site_dir / "static"), ("content/", content_dir), ("theme/", theme_dir),
            ("templates/", templates_dir))


def check_output_outside_sources(output_dir: Path, folders: tuple[tuple[str, Path], ...]) -> None:
    """Refuse an output folder inside one of the site's input folders, or holding one."""
    from site_builder.errors import OutputError

    out = os.path.realpath(output_dir)
    for name, folder in folders:
        real = os.path.realpath(folder)
        if within(out, (real,)):
            raise OutputError(f"refusing to build into {out}: it is inside the site's {name} folder, whose files "
                              "are the site's input; choose a folder outside it, such as output/", path=output_dir)
        if within(real, (out,)):
            raise OutputError(f"refusing to build into {out}: it holds the site's {name} folder, whose files the "
                              "build would delete as stale; choose a folder of its own, such as output/",
                              path=output_dir)
