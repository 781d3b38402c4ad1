"""The command line: site-builder ingest | build | serve | check. A thin layer over the stages."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import traceback
from datetime import date
from pathlib import Path

from site_builder import __version__
from site_builder.config import SiteConfig, load_config
from site_builder.errors import SiteBuilderError


def _site_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder, holding config.yaml (default: the current folder)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder",
                                     description="Turn news digests into a static news website with feeds.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="split digests into article files")
    ingest.add_argument("digests", nargs="+", type=Path, metavar="DIGEST")
    _site_args(ingest)
    ingest.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the edition date (default: from the file name, else today)")
    ingest.add_argument("--dry-run", action="store_true", help="write nothing; show what would be written")
    ingest.add_argument("--json", action="store_true", help="print the result as JSON on stdout")

    build = commands.add_parser("build", help="build the site into output/")
    _site_args(build)
    build.add_argument("--base-url", metavar="URL", help="override site_url, e.g. https://user.github.io/repo/")
    build.add_argument("--output", type=Path, metavar="DIR", help="where to write the site (default: output/)")
    build.add_argument("--jobs", type=int, default=None, metavar="N", help="processes to use (default and most: the cores there are)")
    build.add_argument("--no-ingest", action="store_true", help="don't ingest new or changed digests first")
    build.add_argument("--quiet", action="store_true", help="print only the summary line and errors")

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on changes")
    _site_args(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--output", type=Path, metavar="DIR", help="where to write the site (default: output/)")

    check = commands.add_parser("check", help="check a built site: links, anchors, feeds, sitemap")
    _site_args(check)
    check.add_argument("--output", type=Path, metavar="DIR", help="the built site (default: output/)")
    check.add_argument("--base-url", metavar="URL",
                       help="the URL to judge links against (default: the one the build used)")
    return parser


def _config(args: argparse.Namespace, **overrides: object) -> SiteConfig:
    return load_config(args.site, **overrides)  # type: ignore[arg-type]


def _resolved(path: Path) -> Path:
    """The digest's real path; a symlink loop is a one-line error (Path.resolve raises RuntimeError)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        from site_builder.errors import DigestError

        raise DigestError("is a symlink loop (it leads back to itself): remove it or point it at a file",
                          path=path) from None


def _cmd_ingest(args: argparse.Namespace) -> int:
    from site_builder.ingest import ingest_digests

    config = _config(args)
    report = ingest_digests(config, [_resolved(d) for d in args.digests], edition=args.date, dry_run=args.dry_run)
    stream = sys.stderr if args.json else sys.stdout
    for line in report.messages():
        print(line, file=stream)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    return 0


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _jobs(requested: int | None) -> int | None:
    """--jobs, capped at the usable cores: more processes than cores only compete for them
    (and each holds a copy of the site model). Below 1 is an error."""
    if requested is None:
        return None
    if requested < 1:
        raise SiteBuilderError(f"--jobs must be 1 or more, not {requested}")
    cores = usable_cores()
    if requested > cores:
        print(f"warning: --jobs {requested} is more than the {cores} core(s) here; using {cores}", file=sys.stderr)
        return cores
    return requested


def _cmd_build(args: argparse.Namespace) -> int:
    from site_builder.build import build_site

    jobs = _jobs(args.jobs)
    config = _config(args, base_url=args.base_url, output_dir=args.output)
    report = build_site(config, jobs=jobs, ingest=not args.no_ingest)
    if not args.quiet:
        for line in report.messages:
            print(line)
        for notice in report.notices:
            print(f"warning: {notice}", file=sys.stderr)
        if report.held_back:
            print(f"{report.held_back} future-dated story(ies) held back (see warnings)")
    print(report.summary())
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from site_builder.server import serve

    config = _config(args, output_dir=args.output)
    return serve(config, host=args.host, port=args.port)


def _cmd_check(args: argparse.Namespace) -> int:
    from site_builder.check import check_site

    from site_builder.writer import OutputRecord

    base_url = args.base_url
    if base_url is None:
        # Judge the site that was built: the URL its build used (--base-url or site_url), which
        # the build recorded in output/, not what config.yaml says now.
        plain = _config(args, output_dir=args.output)
        record = OutputRecord.load(plain.output_dir)
        if record is not None and record.site_url != plain.site_url:
            base_url = record.site_url
            print(f"checking against {base_url}, the URL this output was built for")
    config = _config(args, base_url=base_url, output_dir=args.output)
    report = check_site(config.output_dir, config.site_url)
    print(report.format())
    return 1 if report.errors else 0


COMMANDS = {"ingest": _cmd_ingest, "build": _cmd_build, "serve": _cmd_serve, "check": _cmd_check}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SiteBuilderError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The command line's entry point: main(), then exit without tearing the heap down.

    A build holds tens of thousands of objects; freeing them one by one at exit costs ~40 ms of
    a one-story rebuild, and the OS reclaims the memory at once anyway. Everything the commands
    write is closed by then (files in `with` blocks, the caches' databases in `finally`)."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)   # a profiler or coverage tool reports after the program returns
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()   # what a normal exit would run (logging's flush, for one)
    os._exit(code)
