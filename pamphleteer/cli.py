"""The command line: ``python build.py [TARGET ...] [options]`` or ``pamphleteer ...``.

Exit codes: 0 success; 1 content or build errors; 2 usage or environment errors.
Problems are listed one a line, then counted; a traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

from . import __version__, model, pipeline
from .errors import BuildError, UsageError

COMMANDS = ("check", "schema", "preflight", "new")

EPILOG = """\
targets:
  pamphlet   output/pamphlet.pdf, the reading edition (A5)
  print      output/pamphlet-print.pdf, the print edition (A5, 3 mm bleed, crop marks, PDF/X-4)
  booklet    output/pamphlet-booklet.pdf, imposed two-up for saddle stitching
  deck       output/lecture.pptx, the lecture (16:9)
  handout    output/handout.pdf, the lecture handout
  (none)     every target above

commands:
  check      validate all content; write nothing
  schema     write JSON Schemas for editors into CONTENT/schema/
  preflight  report what a printer would check in each output; exit 1 if one would be rejected
  new DIR    start a new publication in DIR from a small example

exit codes: 0 success, 1 content or build errors, 2 usage or environment errors
"""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="pamphleteer",
        description="Build a pamphlet (PDF) and a lecture deck (PPTX) from YAML content.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("targets", nargs="*", metavar="TARGET", help="what to build (default: everything)")
    ap.add_argument(
        "--content", type=Path, default=Path("content"), metavar="DIR", help="publication folder (default: content)"
    )
    ap.add_argument(
        "--output", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)"
    )
    ap.add_argument("--paper", choices=("a4", "letter"), default="a4", help="booklet and handout paper (default: a4)")
    ap.add_argument("--no-marks", action="store_true", help="print edition without crop marks")
    ap.add_argument(
        "--handout-slides", type=int, choices=(3, 6), default=3, help="frames per handout page (3 with lines, or 6)"
    )
    ap.add_argument("--force", action="store_true", help="rebuild outputs even when they are up to date")
    ap.add_argument("--watch", action="store_true", help="rebuild on every save until interrupted")
    ap.add_argument("-v", "--verbose", action="store_true", help="show each timed step, even off a terminal")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    ap.add_argument("--version", action="version", version=f"pamphleteer {__version__}")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    say = _Printer(args.quiet, args.verbose)  # progress only when someone watches
    signal.signal(signal.SIGTERM, _terminate)  # finish like Ctrl-C: locks released, temp files removed
    try:
        command, targets = _split(args.targets)
        options = pipeline.Options(
            paper=args.paper, marks=not args.no_marks, handout_slides=args.handout_slides, force=args.force
        )
        if command == "schema":
            return _schema(args, say)
        if command == "new":
            return _new(targets[0], say)
        if command == "check":
            book = pipeline.check(args.content)
            say(f"{args.content}: {len(book.all_chapters())} chapters, no problems found")
            return 0
        if command == "preflight":
            from . import preflight

            return preflight.run(args.output, say, content=args.content)
        if args.watch:
            from . import watch

            return watch.run(args.content, args.output, targets, options, say, _report)
        pipeline.build(args.content, args.output, targets, say, options)
        return 0
    except BuildError as exc:
        _report(exc)
        if args.debug:
            raise
        return 1
    except UsageError as exc:
        print(f"pamphleteer: {exc}", file=sys.stderr)
        if args.debug:
            raise
        return 2
    except KeyboardInterrupt:
        print("pamphleteer: interrupted; previous outputs are untouched", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"pamphleteer: internal error: {exc}; run again with --debug for the traceback", file=sys.stderr)
        return 2


def _report(exc: BuildError) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    n = len(exc.problems)
    print(f"Aborted with {n} error{'s' if n != 1 else ''}.", file=sys.stderr)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _split(words: list[str]) -> tuple[str | None, list[str]]:
    if words and words[0] == "new":
        if len(words) != 2:
            raise UsageError("usage: new DIR (the folder to create)")
        return "new", [words[1]]
    if words and words[0] in COMMANDS:
        if len(words) > 1:
            raise UsageError(f"'{words[0]}' takes no targets")
        return words[0], []
    for word in words:
        if word not in pipeline.TARGETS:
            choices = ", ".join([*pipeline.TARGETS, *COMMANDS])
            raise UsageError(f"unknown target '{word}' (choose from {choices})")
    return None, list(dict.fromkeys(words))


def _new(folder: str, say: _Printer) -> int:
    from . import starter

    path = starter.create(Path(folder))
    say(f"started a new publication in {path}; build it with: python build.py --content {path}")
    return 0


def _schema(args: argparse.Namespace, say: _Printer) -> int:
    from . import output

    files = {
        f"{name}.json": (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode()
        for name, schema in model.json_schemas().items()
    }
    written = output.write(args.content / "schema", files)
    say(f"{len(files)} schemas in {args.content / 'schema'} ({len(written)} changed)")
    return 0


class _Printer:
    """Messages on stderr. Results always (not with -q); progress steps, stamped with the
    elapsed time, when someone is watching: stderr is a terminal, or -v asked for them."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.steps = not quiet and (verbose or sys.stderr.isatty())
        self.started = time.monotonic()

    def __call__(self, message: str, *, step: bool = False) -> None:
        if self.quiet or (step and not self.steps):
            return
        if step:
            message = f"[{time.monotonic() - self.started:5.1f}s] {message}"
        print(message, file=sys.stderr, flush=True)
