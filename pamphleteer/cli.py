"""The command line: ``python build.py [TARGET ...] [options]``, ``pamphleteer ...`` or ``python -m pamphleteer``.

Exit codes: 0 success; 1 content or build errors; 2 usage or environment
errors; 3 an internal error (a bug: please report it); 130 interrupted.
Results go to stdout; progress, warnings and errors to stderr. Problems are
listed one a line, then counted; a traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import signal
import sys
import time
from pathlib import Path
from typing import Any

from . import builders, progress, settings
from .engine import quick
from .errors import BuildError, UsageError
from .infra import output

COMMANDS = {
    "check": "validate all content; write nothing",
    "schema": "write JSON Schemas for editors into CONTENT/schema/",
    "preflight": "report what a printer would check in each output; exit 1 if one would be rejected",
    "new DIR": "start a new publication in DIR from a small example (--form leaflet or flyer for those)",
}
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# What a build's first layout child loads while this process loads the publication (infra/early.py):
# WeasyPrint, and the reading edition's layout, which most builds start with
FIRST_LAYOUT = ("pamphleteer.infra.quickload", "pamphleteer.engine.runner", "pamphleteer.pamphlet.compose")


def epilog() -> str:
    """Targets from the registry, then commands and exit codes."""
    width = max(len(n) for n in [*builders.REGISTRY, *COMMANDS]) + 2
    lines = ["targets:"]
    lines += [f"  {b.name:<{width}}output/{b.filename}, {b.summary}" for b in builders.REGISTRY.values()]
    optional = [b.name for b in builders.REGISTRY.values() if b.optional]
    every = "every target above" + (f" but {', '.join(optional)} (built when named)" if optional else "")
    lines += [f"  {'(none)':<{width}}{every}", "", "commands:"]
    lines += [f"  {name:<{width}}{text}" for name, text in COMMANDS.items()]
    lines += ["", "environment:"]
    for name, does, accepts in settings.described():
        lines += [f"  {name}", f"      {does}", f"      value: {accepts}"]
    lines += [
        "",
        "exit codes: 0 success, 1 content or build errors, 2 usage or environment errors,",
        "            3 internal error (a bug), 130 interrupted",
    ]
    return "\n".join(lines) + "\n"


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="pamphleteer",
        description="Build a pamphlet (PDF) and a lecture deck (PPTX) from YAML content.",
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("targets", nargs="*", metavar="TARGET", help="what to build (default: everything)")
    ap.add_argument("--content", type=_folder, metavar="DIR", help="publication folder (default: content)")
    ap.add_argument(
        "--output", type=_folder, default=Path("output"), metavar="DIR", help="output folder (default: output)"
    )
    ap.add_argument("--paper", choices=("a4", "letter"), default="a4", help="booklet and handout paper (default: a4)")
    ap.add_argument("--no-marks", action="store_true", help="print edition without crop marks")
    ap.add_argument(
        "--handout-slides", type=int, choices=(3, 6), default=3, help="frames per handout page (3 with lines, or 6)"
    )
    ap.add_argument("--form", default="pamphlet", help="with new: start a pamphlet (default), leaflet or flyer")
    ap.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="lay out the pamphlet's parts in N processes (default: one per core)",
    )
    ap.add_argument("--force", action="store_true", help="rebuild outputs even when they are up to date")
    ap.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (exit 1): for CI, where what was set another way than written must stop",
    )
    ap.add_argument("--watch", action="store_true", help="rebuild on every save until interrupted")
    ap.add_argument("--serve", action="store_true", help="watch, and serve output/web on localhost with live reload")
    ap.add_argument("--port", type=_port, default=8000, help="port for --serve (default: 8000; 0: any free port)")
    ap.add_argument("-v", "--verbose", action="store_true", help="show each timed step, even off a terminal")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    ap.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    return ap


def _port(text: str) -> int:
    """A TCP port, 0 to 65535 (argparse makes anything else a usage error, exit 2)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535 (0: any free port), got '{text}'")
    return port


MAX_JOBS = 64  # each holds a layout in memory: past this, more processes only share the same cores


def _jobs(text: str) -> int:
    """Layout processes, 1 to 64, or 0 for one per core (argparse makes anything else a usage error, exit 2);
    100,000 would start as many processes before the first layout."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if not 0 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"expected a number of processes from 1 to {MAX_JOBS} (0: one per core), got '{text}'"
        )
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    handlers = _show_progress(args.quiet, args.verbose)  # progress only when someone watches
    previous = signal.signal(signal.SIGTERM, _terminate)  # finish like Ctrl-C: locks released, temp files removed
    try:
        return _run(args)
    except BuildError as exc:
        report(exc)
        if args.debug:
            raise
        return EXIT_CONTENT
    except UsageError as exc:
        print(f"pamphleteer: {exc}", file=sys.stderr)
        if args.debug:
            raise
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pamphleteer: interrupted; previous outputs are untouched", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in output.ENVIRONMENT and not args.debug:
            print(f"pamphleteer: {output.cannot_write(exc)}", file=sys.stderr)  # a full disk, a file-size limit
            return EXIT_USAGE
        if args.debug:
            raise
        said = (str(exc) or type(exc).__name__).splitlines()[0]  # one line: the traceback is --debug's
        print(
            f"pamphleteer: internal error: {said}; run again with --debug for the traceback, and please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        signal.signal(signal.SIGTERM, previous)
        logger = logging.getLogger("pamphleteer")
        for handler in handlers:
            logger.removeHandler(handler)
        logger.propagate = True


def run() -> None:
    """The command as a program runs it (``pamphleteer``, ``python -m pamphleteer``, ``build.py``): :func:`main`,
    then the process ends with what it said."""
    code = main()
    # Ending, Python would pass over every object the build left (the book, its layouts) looking for
    # cycles to collect, some 0.13 s of a cold build's wall time: they are left as they are, as
    # the process is over (every file is written and closed; exit handlers still run).
    gc.freeze()
    sys.exit(code)


class _Version(argparse.Action):
    """``--version``, reading the version only when asked (argparse's own action wants it up front)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        import pamphleteer

        print(f"pamphleteer {pamphleteer.__version__}")
        parser.exit()


# The options each command reads (-v, -q and --debug besides); one it does not read would be ignored
# without a word (``check --watch`` checking once, ``--form leaflet`` building a pamphlet): refused.
_BUILD = {
    *("content", "output", "paper", "no_marks", "handout_slides", "jobs"),
    *("force", "strict", "watch", "serve", "port"),
}
_READS: dict[str | None, set[str]] = {
    None: _BUILD,
    "check": {"content", "strict"},
    "schema": {"content"},
    "preflight": {"content", "output"},
    "new": {"form"},
}
_WHY = {
    "form": "a publication's form is the form: in its publication.yaml; --form is for new",
    "port": "--port is for --serve",
}


def _unread(args: argparse.Namespace, command: str | None) -> None:
    """A usage error naming an option given (other than as its default) that ``command`` does not read."""
    defaults = parser()
    for dest in sorted(_BUILD | {"form"}):
        given = getattr(args, dest)
        if given is None or given == defaults.get_default(dest):
            continue
        if dest in _READS[command] and not (dest == "port" and not args.serve):
            continue
        option = "-j/--jobs" if dest == "jobs" else "--" + dest.replace("_", "-")
        named = f"'{command}'" if command else "a build"
        raise UsageError(f"{named} does not take {option}: {_WHY.get(dest, 'it would be ignored')}")


def _run(args: argparse.Namespace) -> int:
    command, targets = _split(args.targets)
    _unread(args, command)
    settings.check()  # a bad environment variable is named before any work starts
    options = settings.Options(
        paper=args.paper,
        marks=not args.no_marks,
        handout_slides=args.handout_slides,
        force=args.force,
        jobs=args.jobs,
        strict=args.strict,
    )
    if command == "schema":
        return _schema(args)
    if command == "new":
        return _new(targets[0], args.form)
    if command == "preflight":
        from .commands import preflight

        return preflight.run(args.output, content=args.content)  # by default, the folder the outputs came from
    args.content = args.content or Path("content")
    _content_folder(args.content)
    if command is None:  # a translation's original is checked once it is known (pipeline, watch)
        output.refuse_overlap(args.output, [args.content])
    builds = command is None and not (args.watch or args.serve or options.force or options.strict)
    if builds and quick.up_to_date(
        args.content, args.output, quick.request(args.content, args.output, targets, options.shaping())
    ):
        progress.result("everything is up to date")  # answered before the publication is loaded
        return EXIT_OK
    if command is None and not (args.watch or args.serve):  # a build: its first layout child loads meanwhile
        from .infra import workers

        workers.fork_first(FIRST_LAYOUT)
    from .engine import pipeline  # the model and the stages load only now, when there is work to do

    if command == "check":
        book = pipeline.check(args.content, strict=options.strict)
        progress.result(f"{args.content}: {len(book.all_chapters())} chapters, no problems found")
        return EXIT_OK
    if args.serve:
        from .commands import serve, watch

        with serve.running(args.output, args.port):  # the web edition, reloaded after each rebuild
            return watch.run(args.content, args.output, targets, options, report)
    if args.watch:
        from .commands import watch

        return watch.run(args.content, args.output, targets, options, report)
    try:
        pipeline.build(args.content, args.output, targets, options)
    finally:
        from .infra import workers

        workers.release_first()  # the first layout child, if no layout took it
    return EXIT_OK


def report(exc: BuildError) -> None:
    """Every problem on its own line, then the count."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    n = len(exc.problems)
    print(f"Aborted with {n} error{'s' if n != 1 else ''}.", file=sys.stderr, flush=True)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _folder(name: str) -> Path:
    """A folder named on the command line; an empty name would quietly mean the current folder."""
    if not name.strip():
        raise argparse.ArgumentTypeError("an empty name; name a folder")
    folder = Path(name)
    if ".." in folder.parts:  # "out/x/../y" is y, as the system reads it where x exists: never make x to reach y
        with contextlib.suppress(OSError, RuntimeError):  # a link that loops is named where the folder is used
            return folder.resolve()
    return folder


def _content_folder(folder: Path) -> None:
    """A missing or wrong --content is a usage error (exit 2), not a content error."""
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder (--content names the publication folder)")
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder (--content names the publication folder)")


def _split(words: list[str]) -> tuple[str | None, list[str]]:
    if words and words[0] == "new":
        if len(words) != 2:
            raise UsageError("usage: new DIR (the folder to create)")
        if not words[1].strip():  # an empty name would mean the current folder
            raise UsageError("new: an empty folder name; name the folder to create (usage: new DIR)")
        return "new", [words[1]]
    commands = [c.split()[0] for c in COMMANDS]
    if words and words[0] in commands:
        if len(words) > 1:
            raise UsageError(f"'{words[0]}' takes no targets")
        return words[0], []
    for word in words:
        if word not in builders.REGISTRY:
            choices = ", ".join([*builders.REGISTRY, *commands])
            raise UsageError(f"unknown target '{word}' (choose from {choices})")
    return None, list(dict.fromkeys(words))


def _new(folder: str, form: str) -> int:
    from .commands import new

    path = new.create(Path(folder), form)
    command = progress.command()
    progress.result(
        f"started a new publication in {path}; check it with: {command} check --content {progress.word(path)}; "
        f"build it with: {command} --content {progress.word(path)} (into ./output; --output DIR to choose)"
    )
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .content import model

    args.content = args.content or Path("content")
    _content_folder(args.content)
    folder = args.content / "schema"
    # Written inside the publication only: a link there (to a folder or anywhere) is refused, not followed.
    if folder.is_symlink() or not folder.resolve().is_relative_to(args.content.resolve()):
        raise UsageError(f"{folder}: is a link; schemas are written only inside the publication: remove it")
    files = {
        f"{name}.json": (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode()
        for name, schema in model.json_schemas().items()
    }
    written = output.write(folder, files, what="the schema folder")
    progress.result(f"{len(files)} schemas in {folder} ({len(written)} changed)")
    return EXIT_OK


class _Stamped(logging.Formatter):
    """Steps stamped with the time since the command started: ``[  4.4s] pamphlet: laid out``."""

    def __init__(self) -> None:
        super().__init__()
        self.started = time.time()

    def format(self, record: logging.LogRecord) -> str:
        return f"[{max(0.0, record.created - self.started):5.1f}s] {record.getMessage()}"


def _show_progress(quiet: bool, verbose: bool) -> list[logging.Handler]:
    """Results on stdout; warnings on stderr; steps on stderr when it is a terminal or -v asks."""
    logger = logging.getLogger("pamphleteer")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    results = logging.StreamHandler(sys.stdout)
    results.setLevel(logging.ERROR if quiet else logging.INFO)
    results.addFilter(lambda r: r.levelno < logging.WARNING and not r.name.startswith("pamphleteer.progress"))
    warnings = logging.StreamHandler(sys.stderr)
    warnings.setFormatter(logging.Formatter("warning: %(message)s"))
    warnings.setLevel(logging.ERROR if quiet else logging.WARNING)
    handlers: list[logging.Handler] = [results, warnings]
    if not quiet and (verbose or sys.stderr.isatty()):
        steps = logging.StreamHandler(sys.stderr)
        steps.setFormatter(_Stamped())
        steps.addFilter(lambda r: r.name.startswith("pamphleteer.progress"))
        handlers.append(steps)
    for handler in handlers:
        logger.addHandler(handler)
    return handlers
