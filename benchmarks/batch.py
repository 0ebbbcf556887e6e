"""Benchmark: `relief batch` throughput and memory, with the pdftk baseline, in one run (not a timed test).

    python benchmarks/batch.py [--clients 1000] [--large 5000] [--jobs N] [--single-clients N]
                               [--baseline-clients 100]

1. Makes `--clients` synthetic clients from examples/*.yaml (`assembler.batch.synthetic`: varied names,
   case numbers, counties, dates, violations, probation still running, extra counts and cases) as one
   batch CSV, like a clinic's spreadsheet.
2. Runs `relief batch` on it (a subprocess, `--no-resume`) with 1 worker process and with all cores:
   packets per second, wall clock including start-up (`--single-clients` runs the 1-process pass on
   the first N of the same clients, when the full batch on one process would take too long).
3. Peak memory for `--clients` vs `--large` clients (all cores), sampled from /proc every 0.2 s over the
   batch's whole process tree: the sum of RSS, the sum of PSS (shared pages counted once), the parent's
   RSS alone (what could grow with the batch size) and the largest worker's RSS.
4. The obvious baseline: one `pdftk fill_form` per form, filling the blank rendition of each form with
   an XFDF of exactly the values in the forms the batch produced (the first `--baseline-clients` clients
   with forms), on 1 process and on all cores. It does only the filling — no decisions, declarations,
   cover sheet, instructions, flattened copies or merged packet — so it bounds what form filling alone costs.

Prints the figures, with a reference-loop time (how fast the machine runs Python at that moment: shared
machines vary by half from minute to minute). `--large 0` skips the second memory point.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assembler.batch.runner import default_jobs  # noqa: E402
from assembler.batch.synthetic import clients, samples, table  # noqa: E402

AS_OF = date(2026, 11, 1)
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    clients: int
    jobs: int
    seconds: float
    packets: int
    peak_rss: int = 0
    peak_pss: int = 0
    peak_parent: int = 0
    peak_worker: int = 0

    @property
    def rate(self) -> float:
        return self.clients / self.seconds


def reference_ms() -> float:
    """A fixed pure-Python loop, best of three: how fast this machine runs Python right now (shared
    machines vary by half from one minute to the next), so figures from different runs compare."""
    best = float("inf")
    for _ in range(3):
        began, total = time.perf_counter(), 0
        for i in range(3_000_000):
            total += i * i
        best = min(best, time.perf_counter() - began)
    return best * 1000


def make_batch(folder: Path, count: int) -> Path:
    path = folder / f"clients-{count}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(table(clients(list(samples(REPO / "examples").values()), count, AS_OF)))
    return path


def run_batch(source: Path, out: Path, jobs: int) -> Run:
    command = [sys.executable, "-m", "assembler", "batch", str(source), "-o", str(out), "--jobs", str(jobs),
               "--as-of", AS_OF.isoformat(), "--no-resume"]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    monitor = Monitor(process.pid)
    monitor.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - began
    monitor.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"relief batch failed ({process.returncode}):\n{stderr[-2000:]}")
    with (out / "results.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Run(len(rows), jobs, seconds, sum(bool(r["packet"]) for r in rows), monitor.rss, monitor.pss,
               monitor.parent, monitor.worker)


class Monitor(threading.Thread):
    """Peak memory of a process and its descendants, sampled from /proc."""

    def __init__(self, root: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.rss = self.pss = self.parent = self.worker = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            tree = [self.root] + _descendants(self.root)
            sizes = {pid: (_rss(pid), _pss(pid)) for pid in tree}
            self.rss = max(self.rss, sum(r for r, _ in sizes.values()))
            self.pss = max(self.pss, sum(p for _, p in sizes.values()))
            self.parent = max(self.parent, sizes[self.root][0])
            self.worker = max([self.worker] + [r for pid, (r, _) in sizes.items() if pid != self.root])

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# --- the pdftk baseline ---------------------------------------------------------------------------------


def baseline_fills(out: Path, limit: int, folder: Path) -> list[tuple[Path, Path]]:
    """(blank rendition, XFDF of the values our batch filled) for each form of the first `limit` clients."""
    from assembler.render.forms.rendition.render import render

    blanks: dict[str, Path] = {}
    fills = []
    clients_with_forms = 0
    for client in sorted(p for p in out.iterdir() if p.is_dir()):
        manifest = json.loads((client / "manifest.json").read_text(encoding="utf-8"))
        forms = [d for d in manifest["documents"] if d.get("form")]
        if not forms:
            continue
        clients_with_forms += 1
        if clients_with_forms > limit:
            break
        for document in forms:
            form = document["form"]
            if form not in blanks:
                blanks[form] = folder / f"blank-{form}.pdf"
                blanks[form].write_bytes(render(form))
            xfdf = folder / f"{client.name}-{document['file']}.xfdf"
            xfdf.write_bytes(_xfdf(PdfReader(client / document["file"]).get_fields() or {}))
            fills.append((blanks[form], xfdf))
    return fills


def _xfdf(fields: dict) -> bytes:
    values = []
    for name, field in fields.items():
        value = field.get("/V")
        if value in (None, "", "/Off"):
            continue
        text = str(value).lstrip("/")
        values.append(f'<field name="{escape(name)}"><value>{escape(text)}</value></field>')
    return ('<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>'
            + "".join(values) + "</fields></xfdf>").encode()


def run_pdftk(fills: list[tuple[Path, Path]], jobs: int, folder: Path) -> float:
    """Seconds for one `pdftk fill_form` per form, `jobs` at a time."""
    def fill(item: tuple[int, tuple[Path, Path]]) -> None:
        number, (blank, xfdf) = item
        subprocess.run(["pdftk", str(blank), "fill_form", str(xfdf), "output", str(folder / f"out-{number}.pdf")],
                       check=True, capture_output=True)

    began = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(fill, enumerate(fills)))
    return time.perf_counter() - began


# --- the report ------------------------------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:7.1f} MiB"


def show(label: str, run: Run) -> None:
    print(f"  {label:<34} {run.clients:5d} clients ({run.packets} packet.pdf) in {run.seconds:7.1f} s "
          f"= {run.rate:6.2f} clients/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--large", type=int, default=5000, help="second batch size for memory; 0 skips it")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="all cores by default")
    parser.add_argument("--baseline-clients", type=int, default=100)
    parser.add_argument("--single-clients", type=int, default=None,
                        help="clients for the 1-process run (the first N of the same batch); default --clients; "
                             "0 skips it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="relief-batch-bench-") as tmp:
        folder = Path(tmp)
        source = make_batch(folder, args.clients)
        print(f"relief batch benchmark: {args.clients} synthetic clients, {args.jobs} core(s), load average "
              f"{os.getloadavg()[0]:.1f} at start, reference loop {reference_ms():.0f} ms (lower is a faster machine)")
        runs = {}
        single = args.clients if args.single_clients is None else args.single_clients
        if single:
            first = source if single == args.clients else make_batch(folder, single)
            runs["single"] = run_batch(first, folder / "out-1", 1)
            show("1 worker process:", runs["single"])
            shutil.rmtree(folder / "out-1")
        runs["all"] = run_batch(source, folder / "out-all", args.jobs)
        show(f"{args.jobs} worker processes (all cores):", runs["all"])
        if "single" in runs:
            print(f"  speed-up on {args.jobs} cores: {runs['all'].rate / runs['single'].rate:.2f}x")
        seconds_1000 = 1000 / runs["all"].rate
        print(f"  1,000 clients would take {seconds_1000:.0f} s on {args.jobs} cores (goal: <= 60 s on 2)")

        fills = baseline_fills(folder / "out-all", args.baseline_clients, folder) if args.baseline_clients else []
        forms_per_client = len(fills) / max(1, min(args.baseline_clients, runs["all"].packets))
        if shutil.which("pdftk") and fills:
            print(f"pdftk fill_form baseline: {len(fills)} forms of the first {args.baseline_clients} clients "
                  "with forms, one process per form, the same values")
            for jobs in (1, args.jobs):
                seconds = run_pdftk(fills, jobs, folder)
                per_form = seconds / len(fills)
                print(f"  {jobs} at a time: {per_form * 1000:7.1f} ms/form; at {forms_per_client:.1f} forms per "
                      f"client with forms: {1 / (per_form * forms_per_client):6.2f} clients/s (filling only)")
        else:
            print("pdftk fill_form baseline: skipped (--baseline-clients 0, pdftk not installed, or no forms produced)")

        print("peak memory (all cores; sampled every 0.2 s over the whole process tree):")
        sizes = [runs["all"]]
        shutil.rmtree(folder / "out-all")
        if args.large:
            large = make_batch(folder, args.large)
            sizes.append(run_batch(large, folder / "out-large", args.jobs))
            show(f"{args.jobs} worker processes (all cores):", sizes[-1])
        for run in sizes:
            print(f"  {run.clients:5d} clients: sum RSS {mib(run.peak_rss)}  sum PSS {mib(run.peak_pss)}  "
                  f"parent RSS {mib(run.peak_parent)}  largest worker RSS {mib(run.peak_worker)}")
        if len(sizes) == 2:
            small, big = sizes
            print(f"  {big.clients} vs {small.clients} clients: sum PSS {_change(big.peak_pss, small.peak_pss)}, "
                  f"parent RSS {_change(big.peak_parent, small.peak_parent)} (goal: within 10 %)")


def _change(new: int, old: int) -> str:
    return f"{100 * (new / old - 1):+.1f} %"


if __name__ == "__main__":
    main()
