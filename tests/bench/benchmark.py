"""Benchmark: ``python -m tests.bench [--runs N] [--content DIR]`` prints medians and ratios.

On the same work, interleaved in one run, each measured N times in fresh processes:
- the peer: the publication exported to Pandoc Markdown (``peer.py``), then Pandoc +
  WeasyPrint making an A5 PDF with our fonts and Pandoc making a pptx of its slides
  (needs ``pip install pypandoc-binary``), with its pages and slides beside ours;
- ours, cold: the five core outputs, every output, and the pamphlet alone, with
  their ratios to the peer;
- a build with nothing changed (and whether any file was rewritten);
- a rebuild after editing one slide's notes, and after editing one paragraph;
- a generated publication ten times the size: time and peak memory;
- the pamphlet's layout (every round of the pagination pass, the join) with 1, 2 and N
  workers, and its critical path: the slowest part's layout plus the join, which is what
  it would take on a machine with a core for every part.
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
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
ESSAY = ROOT.parent / "shared" / "source" / "essay.txt"  # beside this project's checkout; --essay names another
PANDOC = """
import sys, pypandoc, weasyprint
html = pypandoc.convert_file(sys.argv[1], "html", format="markdown", extra_args=["--standalone",
       "--metadata", "title=Essay"])
weasyprint.HTML(string=html).write_pdf(sys.argv[2])
"""
# The peer's timed run, in a fresh process like ours: this checkout's tests.bench.peer.render.
PEER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.bench.peer import render
steps = render(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
(Path(sys.argv[4]) / "peer-steps.json").write_text(json.dumps(steps), encoding="utf-8")
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


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time of a command, and the peak memory of it and all its child processes together
    in MB (proportional set size, so pages a forked child shares with its parent count once)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_pss(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr}")
    return elapsed, peak // 1024


def _tree_pss(root: int) -> int:
    """Summed PSS in kB of a process and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def build(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(out), "-q", *extra]


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith(".")}


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--no-large", action="store_true", help="skip the ten-times publication")
    ap.add_argument(
        "--essay", type=Path, default=ESSAY, help="a Markdown text for the footnote's bare-essay Pandoc run"
    )
    args = ap.parse_args(argv)
    essay = args.essay if args.essay.is_file() else None  # without one, no footnote line
    work = Path(tempfile.mkdtemp(prefix="pamphleteer-bench-"))
    cpu = next((line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "unknown CPU")
    env_note = f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"
    markdown, slides = export_peer(args.content, work / "peer-input")
    keys = ("peer", "core", "all", "pamphlet", "nothing", "notes", "paragraph", "essay")
    rows: dict[str, list[float]] = {k: [] for k in keys}
    steps: list[dict[str, float]] = []
    rewritten, notes_rewrote = [], set()
    for run in range(args.runs):
        content = work / f"content-{run}"
        shutil.copytree(args.content, content)
        peer_out = work / f"peer-{run}"
        peer_out.mkdir()
        rows["peer"].append(
            timed([sys.executable, "-c", PEER, str(ROOT), str(markdown), str(slides), str(peer_out)])[0]
        )
        steps.append(json.loads((peer_out / "peer-steps.json").read_text(encoding="utf-8")))
        rows["core"].append(timed(build(content, work / f"core-{run}", *CORE))[0])
        out = work / f"out-{run}"
        rows["all"].append(timed(build(content, out))[0])
        rows["pamphlet"].append(timed(build(content, work / f"pamphlet-{run}", "pamphlet"))[0])
        if essay:
            rows["essay"].append(timed([sys.executable, "-c", PANDOC, str(essay), str(work / f"essay-{run}.pdf")])[0])
        before = stamps(out)
        rows["nothing"].append(timed(build(content, out))[0])
        rewritten.append(stamps(out) != before)
        chapter = sorted((content / "chapters").glob("*.yaml"))[1]
        edit(
            chapter,
            lambda d: (
                d["slides"][0].update(notes=d["slides"][0]["notes"] + " Pause here.") if d.get("slides") else None
            ),
        )
        before = stamps(out)
        rows["notes"].append(timed(build(content, out))[0])
        notes_rewrote |= {name for name, stamp in stamps(out).items() if before.get(name) != stamp}
        edit(chapter, lambda d: d["blocks"][0].update(p=d["blocks"][0].get("p", "") + " One more sentence."))
        rows["paragraph"].append(timed(build(content, out))[0])
    m = {k: median(v) for k, v in rows.items() if v}
    peer_pages, peer_slides = pages_and_slides(work / "peer-0" / "peer.pdf", work / "peer-0" / "peer.pptx")
    our_pages, our_slides = pages_and_slides(work / "core-0" / "pamphlet.pdf", work / "core-0" / "lecture.pptx")
    step = {name: median([s[name] for s in steps]) for name in steps[0]}
    print(f"pamphleteer benchmark ({args.runs} runs, medians; {env_note})")
    print(f"  same work: peer: {peer_pages} pages, {peer_slides} slides; ours: {our_pages} pages, {our_slides} slides")
    print(
        f"  peer, Pandoc + WeasyPrint (PDF + pptx): {m['peer']:6.2f} s   "
        f"(" + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in step.items()) + ")"
    )
    print(f"  ours, cold, the five core outputs:     {m['core']:6.2f} s   {m['core'] / m['peer']:.2f}x peer")
    print(f"  ours, cold, every output:              {m['all']:6.2f} s   {m['all'] / m['peer']:.2f}x peer")
    print(f"  ours, cold, the pamphlet alone:        {m['pamphlet']:6.2f} s   {m['pamphlet'] / m['peer']:.2f}x peer")
    cold = m["all"]
    print(
        f"  nothing changed:                       {m['nothing']:6.2f} s   {m['nothing'] / cold:.0%} of cold "
        f"(target < 10%); files rewritten: {'yes' if any(rewritten) else 'none'}"
    )
    rewrote = ", ".join(sorted(notes_rewrote))
    print(f"  one slide's notes edited:              {m['notes']:6.2f} s   rewrote: {rewrote}")
    print(f"  one paragraph edited:                  {m['paragraph']:6.2f} s")
    if not args.no_large:
        big = work / "big"
        enlarge(args.content, big, 10)
        times, peaks = [], []
        for run in range(max(1, args.runs - 1)):
            elapsed, peak = timed(build(big, work / f"big-out-{run}"))
            times.append(elapsed)
            peaks.append(peak)
        pages, count = pages_and_slides(work / "big-out-0" / "pamphlet.pdf", work / "big-out-0" / "lecture.pptx")
        print(
            f"  ten times the size ({pages} pages, {count} slides): {median(times):6.2f} s   "
            f"{median(times) / cold:.1f}x cold (target <= 10x); "
            f"peak memory, all processes: {max(peaks)} MB (target < 1024)"
        )
    print_layouts(args.content, max(1, args.runs))
    if essay:
        print(
            f"  (footnote: Pandoc + WeasyPrint on the bare source essay, no styling: {m['essay']:.2f} s; "
            "not the same work)"
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


def layout_stats(content: Path, jobs: int) -> dict:
    """The pamphlet laid out cold in a fresh process with ``jobs`` workers: its stats and wall time."""
    cmd = [sys.executable, "-c", LAYOUT, str(ROOT), str(content), str(jobs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_layouts(content: Path, runs: int) -> None:
    """The pamphlet's layout time with 1, 2 and N workers (medians), and its critical path."""
    from pamphleteer.infra.workers import cores as usable

    cores = usable()  # what -j 0 takes
    counts = sorted({1, 2, cores})
    found: dict[int, list[dict]] = {n: [] for n in counts}
    for _ in range(runs):  # interleaved, so a busy moment weighs on every count alike
        for n in counts:
            found[n].append(layout_stats(content, n))
    walls = {n: median([s["wall"] for s in found[n]]) for n in counts}
    line = ", ".join(f"{n} worker{'s' if n > 1 else ''} {walls[n]:.2f} s" for n in counts)
    print(f"  the pamphlet's layout, cold: {line}")
    rounds = median([sum(s["rounds"]) for s in found[1]])
    slowest = median([max(s["parts"].values()) for s in found[1]])
    join = median([s["join"] for s in found[1]])
    part = max(found[1][0]["parts"], key=found[1][0]["parts"].get)
    print(
        f"  critical path: the slowest part of each of {len(found[1][0]['rounds'])} rounds {rounds:.2f} s "
        f"+ heads, folios and join {join:.2f} s = {rounds + join:.2f} s (slowest part: {part}, {slowest:.2f} s; "
        f"{found[1][0]['layouts']} part layouts in all)"
    )


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:  # not Linux
        return []


if __name__ == "__main__":
    raise SystemExit(main())
