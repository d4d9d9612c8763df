"""Benchmark: ``python -m pamphleteer.bench [--runs N] [--content DIR]`` prints medians and ratios.

Every row is a command run in a fresh process and measured three ways: wall time, CPU time of
the command and every process it started (``RUSAGE_CHILDREN``, user + system: workers that share
the cores are each counted once, never their wall times summed), and the peak memory of the
whole process tree. Cold builds go into fresh output folders (no cache, no state). Each round
runs every row once, so the peer and ours are interleaved and a busy moment weighs on both;
the machine's load average is printed before and after. The rows:
- the peer: the publication exported to Pandoc Markdown (``peer.py``), then Pandoc + WeasyPrint
  making an A5 PDF with our fonts and Pandoc making a pptx of its slides (needs
  ``pip install pypandoc-binary``), with its pages and slides beside ours; and the peer's PDF
  step alone (WeasyPrint on Pandoc's HTML, in a process of its own);
- ours, cold: the five core outputs, every output, and the pamphlet alone, with their ratios
  to the peer (the pamphlet's to the peer's PDF step);
- a build with nothing changed (and whether any file was rewritten);
- a rebuild of every output after editing one paragraph, one slide's notes, one caption;
- the same three edits saved into a publication that ``build.py --watch`` is watching (the
  publication and folder of the rows before it, as an author starts a watch where they build), each
  timed from the save to the line saying the rebuild is built (so with the watcher's wait for
  more saves, commands/watch.py's STEP_MS), and the CPU the watch and its layouts spent on it;
- ``--force`` into a built folder: everything made again from nothing kept (not a cold build:
  the process is the same, but the outputs are compared and only changed files written);
- a generated publication ten times the size: time and peak memory;
- the pamphlet's layout with 1, 2 and N workers.
Every command, ours and the peer's, runs with Python's compiled code kept in the benchmark's folder
(``measure.compiled_in``), as an installed program's is; one untimed build and one untimed run of
the peer before the first round compile what they import. Where this environment sets
``PYTHONDONTWRITEBYTECODE`` (a checkout then compiles the tool's modules in every run), the cold
pamphlet is also timed that way, on a row of its own.
The old comparison (Pandoc on the bare source essay) is kept as a footnote line.
Not a test: figures depend on the machine. The README records ours.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from . import measure
from .measure import ROOT, Timing, Watch, build, edit, stamps, timed

ESSAY = ROOT.parent / "shared" / "source" / "essay.txt"  # beside this project's checkout; --essay names another
PANDOC = """
import sys, pypandoc, weasyprint
html = pypandoc.convert_file(sys.argv[1], "html", format="markdown", extra_args=["--standalone",
       "--metadata", "title=Essay"])
weasyprint.HTML(string=html).write_pdf(sys.argv[2])
"""
# The peer's timed run, in a fresh process like ours: this tree's pamphleteer.bench.peer.render.
PEER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pamphleteer.bench.peer import render
steps = render(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
(Path(sys.argv[4]) / "peer-steps.json").write_text(json.dumps(steps), encoding="utf-8")
"""
# The peer's PDF step alone, in a process of its own as ours is: WeasyPrint on Pandoc's HTML.
PEER_PDF = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pamphleteer.bench.peer import pdf
pdf(Path(sys.argv[2]), Path(sys.argv[3]))
"""
# The pamphlet's layout alone, in a fresh process, with a given number of workers (-j).
LAYOUT = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pamphleteer import content
from pamphleteer.pamphlet import compose
book = content.load(Path(sys.argv[2]))
stats = {}
start = time.perf_counter()
compose.render(book, jobs=int(sys.argv[3]), stats=stats)
stats["wall"] = time.perf_counter() - start
print(json.dumps(stats))
"""
CORE = ("pamphlet", "print", "booklet", "deck", "handout")  # build targets: the five core outputs


def enlarge(src: Path, dest: Path, factor: int) -> None:
    """A publication ``factor`` times the size: every chapter repeated, key points kept once."""
    shutil.copytree(src, dest)
    pub = yaml.safe_load((dest / "publication.yaml").read_text(encoding="utf-8"))
    chapters = []
    for n in range(factor):
        for cid in pub["chapters"]:
            if n == 0:
                chapters.append(cid)
                continue
            data = yaml.safe_load((src / "chapters" / f"{cid}.yaml").read_text(encoding="utf-8"))
            data["key_points"] = []
            data["label"] = data.get("label") or None
            data = {k: v for k, v in data.items() if v is not None}
            renamed = set()
            for block in data.get("blocks", []):  # table ids are unique across the book
                if "table" in block and "id" in block["table"]:
                    renamed.add(block["table"]["id"])
                    block["table"]["id"] += f"-{n}"
            for slide in data.get("slides", []):
                if slide.get("table") in renamed:  # a copy's slide shows the copy's own table
                    slide["table"] += f"-{n}"
            (dest / "chapters" / f"{cid}-{n}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
            chapters.append(f"{cid}-{n}")
    lecture = pub.setdefault("lecture", {})
    if not lecture.get("parts"):  # one part per original chapter, as the tool would make
        lecture["parts"] = [{"title": f"Part {i + 1}", "chapters": [cid]} for i, cid in enumerate(pub["chapters"])]
    pub["chapters"] = chapters
    # The lecture keeps its declared parts: a handout holds at most six pages, so a course ten
    # times as long would be handed out part by part; the deck and pamphlet take every copy.
    (dest / "publication.yaml").write_text(yaml.safe_dump(pub, allow_unicode=True, sort_keys=False), "utf-8")


def median(values: list[float]) -> float:
    return statistics.median(values)


def pages_and_slides(pdf: Path, pptx: Path) -> tuple[int, int]:
    import pikepdf
    from pptx import Presentation

    with pikepdf.open(pdf) as doc:
        pages = len(doc.pages)
    return pages, len(Presentation(str(pptx)).slides)


def export_peer(content: Path, dest: Path) -> tuple[Path, Path]:
    """The peer's input: the publication as Pandoc Markdown, book and slides (not timed: a Pandoc
    author would have written these files, as our author wrote the YAML)."""
    from pamphleteer import content as loader

    from . import peer

    book = loader.load(content)
    dest.mkdir(parents=True, exist_ok=True)
    markdown, slides = dest / "book.md", dest / "slides.md"
    markdown.write_text(peer.book_markdown(book), encoding="utf-8")
    slides.write_text(peer.slides_markdown(book), encoding="utf-8")
    return markdown, slides


ROWS = {
    "peer": "peer, Pandoc + WeasyPrint (PDF + pptx)",
    "peer_pdf": "peer's PDF step alone (WeasyPrint)",
    "core": "ours, cold, the five core outputs",
    "all": "ours, cold, every output",
    "pamphlet": "ours, cold, the pamphlet alone",
    "pamphlet_compiling": "the same, compiling our code in the run",
    "nothing": "nothing changed",
    "paragraph": "one paragraph edited",
    "notes": "one slide's notes edited",
    "caption": "one caption edited",
    "watch_paragraph": "the paragraph, by a running --watch",
    "watch_notes": "the slide's notes, by a running --watch",
    "watch_caption": "the caption, by a running --watch",
    "force": "--force into a built folder",
}


def _edits(content: Path) -> dict[str, tuple[Path, object]]:
    """The author's edits the benchmark times: a paragraph, a slide's notes, a figure's caption."""
    chapters = sorted((content / "chapters").glob("*.yaml"))
    with_slides = next(c for c in chapters[1:] if yaml.safe_load(c.read_text(encoding="utf-8")).get("slides"))

    def paragraph(d: dict) -> None:
        block = next(b for b in d["blocks"] if "p" in b)
        block["p"] += " One more sentence."

    def notes(d: dict) -> None:
        d["slides"][0]["notes"] += " Pause here."

    def caption(d: dict) -> None:
        figure = next(b["figure"] for b in d["blocks"] if "figure" in b)
        figure["caption"] = (figure.get("caption") or "A chart") + " (revised)"

    figured = next(c for c in chapters if any("figure" in b for b in yaml.safe_load(c.read_text("utf-8"))["blocks"]))
    return {"paragraph": (with_slides, paragraph), "notes": (with_slides, notes), "caption": (figured, caption)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--content", type=Path, default=Path("content"), help="the publication (default: ./content)")
    ap.add_argument("--no-large", action="store_true", help="skip the ten-times publication")
    ap.add_argument("--no-layouts", action="store_true", help="skip the pamphlet's layout with 1, 2 and N workers")
    ap.add_argument(
        "--essay", type=Path, default=ESSAY, help="a Markdown text for the footnote's bare-essay Pandoc run"
    )
    args = ap.parse_args(argv)
    essay = args.essay if args.essay.is_file() else None  # without one, no footnote line
    work = Path(tempfile.mkdtemp(prefix="pamphleteer-bench-"))
    cpu = next((line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "unknown CPU")
    env_note = f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"
    load_before = os.getloadavg()
    markdown, slides = export_peer(args.content, work / "peer-input")
    html = work / "peer-input" / "book.html"
    from . import peer

    peer.html(markdown, html)
    rows: dict[str, list[Timing]] = {k: [] for k in ROWS}
    essay_times: list[Timing] = []
    steps: list[dict[str, float]] = []
    rewritten, rewrote = [], {k: set() for k in ("paragraph", "notes", "caption")}
    measure.compiled_in(work / "pycache")
    compiling = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))  # (the row of its own: see the docstring)
    timed(build(args.content, work / "warm-up"))  # untimed: Python compiles what ours imports
    (work / "peer-warm-up").mkdir()
    timed([sys.executable, "-c", PEER, str(ROOT), str(markdown), str(slides), str(work / "peer-warm-up")])  # the peer's
    for run in range(args.runs):
        content = work / f"content-{run}"
        shutil.copytree(args.content, content)
        peer_out = work / f"peer-{run}"
        peer_out.mkdir()
        rows["peer"].append(timed([sys.executable, "-c", PEER, str(ROOT), str(markdown), str(slides), str(peer_out)]))
        steps.append(json.loads((peer_out / "peer-steps.json").read_text(encoding="utf-8")))
        rows["peer_pdf"].append(timed([sys.executable, "-c", PEER_PDF, str(ROOT), str(html), str(peer_out / "p.pdf")]))
        rows["core"].append(timed(build(content, work / f"core-{run}", *CORE)))
        out = work / f"out-{run}"
        rows["all"].append(timed(build(content, out)))
        rows["pamphlet"].append(timed(build(content, work / f"pamphlet-{run}", "pamphlet")))
        if compiling:
            compiles = build(content, work / f"compiling-{run}", "pamphlet")
            rows["pamphlet_compiling"].append(timed(compiles, compiled=False))
        if essay:
            essay_times.append(timed([sys.executable, "-c", PANDOC, str(essay), str(work / f"essay-{run}.pdf")]))
        before = stamps(out)
        rows["nothing"].append(timed(build(content, out)))
        rewritten.append(stamps(out) != before)
        for name, (chapter, change) in _edits(content).items():
            edit(chapter, change)
            before = stamps(out)
            rows[name].append(timed(build(content, out)))
            rewrote[name] |= {f for f, stamp in stamps(out).items() if before.get(f) != stamp}
        rows["force"].append(timed(build(content, out, "--force")))
        # the watch where the last build was made, as an author starts one (a copy of the folder would
        # be a moved publication, which renders every part again on its first edit: images are named by path)
        watch = Watch(content, out)
        try:
            for name, (chapter, change) in _edits(content).items():
                rows[f"watch_{name}"].append(watch.edit(chapter, change))
        finally:
            watch.close()
    m = {k: (median([t.wall for t in v]), median([t.cpu for t in v])) for k, v in rows.items() if v}
    peer_pages, peer_slides = pages_and_slides(work / "peer-0" / "peer.pdf", work / "peer-0" / "peer.pptx")
    our_pages, our_slides = pages_and_slides(work / "core-0" / "pamphlet.pdf", work / "core-0" / "lecture.pptx")
    step = {name: median([s[name] for s in steps]) for name in steps[0]}
    print(f"pamphleteer benchmark ({args.runs} runs, medians; {env_note})")
    print(f"  load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print(
        "  Python's compiled code kept between runs, as an installed program's is"
        + (" (this environment sets PYTHONDONTWRITEBYTECODE: see the row 'compiling our code')" if compiling else "")
    )
    print(f"  same work: peer: {peer_pages} pages, {peer_slides} slides; ours: {our_pages} pages, {our_slides} slides")
    print(f"  {'':44}{'wall':>8}{'CPU':>8}   against the peer (wall, CPU)")
    against = {"core": "peer", "all": "peer", "pamphlet": "peer_pdf", "pamphlet_compiling": "peer_pdf"}
    for key, label in ROWS.items():
        if key not in m:
            continue  # not measured here (the pamphlet compiling our code, where Python keeps it)
        wall, cpu_s = m[key]
        note = ""
        if key in against:
            pw, pc = m[against[key]]
            note = f"   {wall / pw:.2f}x, {cpu_s / pc:.2f}x {'the peer' if against[key] == 'peer' else 'its PDF step'}"
        elif key == "peer":
            note = "   (" + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in step.items()) + ", in-process)"
        elif key == "nothing":
            note = f"   files rewritten: {'yes' if any(rewritten) else 'none'}"
        elif key in rewrote:
            note = f"   rewrote: {', '.join(sorted(rewrote[key])) or 'nothing'}"
        print(f"  {label + ':':44}{wall:7.2f}s{cpu_s:7.2f}s{note}")
    if not args.no_large:
        big = work / "big"
        enlarge(args.content, big, 10)
        found = [timed(build(big, work / f"big-out-{run}")) for run in range(max(1, args.runs - 1))]
        pages, count = pages_and_slides(work / "big-out-0" / "pamphlet.pdf", work / "big-out-0" / "lecture.pptx")
        wall = median([t.wall for t in found])
        print(
            f"  ten times the size ({pages} pages, {count} slides): {wall:6.2f} s wall, "
            f"{median([t.cpu for t in found]):6.2f} s CPU, {wall / m['all'][0]:.1f}x a cold build of every output; "
            f"peak memory, all processes: {max(t.peak for t in found)} MB"
        )
    if not args.no_layouts:
        print_layouts(args.content, max(1, args.runs))
    if essay_times:
        print(
            f"  (footnote: Pandoc + WeasyPrint on the bare source essay, no styling: "
            f"{median([t.wall for t in essay_times]):.2f} s; not the same work)"
        )
    print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def layout_stats(content: Path, jobs: int) -> dict:
    """The pamphlet laid out cold in a fresh process with ``jobs`` workers: its stats and wall time."""
    cmd = [sys.executable, "-c", LAYOUT, str(ROOT), str(content), str(jobs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_layouts(content: Path, runs: int) -> None:
    """The pamphlet's layout time with 1, 2 and N workers (medians), and its layouts."""
    from pamphleteer.infra.workers import cores as usable

    cores = usable()  # what -j 0 takes
    counts = sorted({1, 2, cores})
    found: dict[int, list[dict]] = {n: [] for n in counts}
    for _ in range(runs):  # interleaved, so a busy moment weighs on every count alike
        for n in counts:
            found[n].append(layout_stats(content, n))
    walls = {n: median([s["wall"] for s in found[n]]) for n in counts}
    line = ", ".join(f"{n} worker{'s' if n > 1 else ''} {walls[n]:.2f} s" for n in counts)
    print(f"  the pamphlet's layout, cold (wall): {line}")
    one = found[1][0]
    slowest = max(one["parts"], key=one["parts"].get)
    print(
        f"  {one['layouts']} WeasyPrint layouts for {len(one['parts'])} parts; the slowest part, {slowest}, "
        f"{one['parts'][slowest]:.2f} s; the join {median([s['join'] for s in found[1]]):.2f} s"
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:  # not Linux
        return []


if __name__ == "__main__":
    raise SystemExit(main())
