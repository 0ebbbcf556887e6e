"""Benchmark: `relief batch` throughput and memory, with the pdftk baseline, in one run (not a timed test).

    python benchmarks/batch.py [--clients 1000] [--large 5000] [--jobs N] [--single-clients N]
                               [--baseline-clients 100]
    python benchmarks/batch.py --profile [--clients 200] [--cprofile 30]

1. Makes `--clients` synthetic clients from examples/*.yaml (`assembler.batch.synthetic`: varied names,
   case numbers, counties, dates, violations, probation still running, extra counts and cases) as one
   batch CSV, like a clinic's spreadsheet.
2. Runs `relief batch` on it (a subprocess, `--no-resume`) with 1 worker process and with all cores:
   packets per second, wall clock including start-up (`--single-clients` runs the 1-process pass on
   the first N of the same clients, when the full batch on one process would take too long), and the
   CPU time of the whole process tree (steadier than the wall clock on a shared machine).
3. Peak memory for `--clients` vs `--large` clients (all cores), sampled from /proc every 0.2 s over the
   batch's whole process tree: the sum of RSS, the sum of PSS (shared pages counted once), the parent's
   RSS alone (what could grow with the batch size) and the largest worker's RSS.
4. The obvious baseline: one `pdftk fill_form` per form, filling the blank rendition of each form with
   an XFDF of exactly the values in the forms the batch produced (the first `--baseline-clients` clients
   with forms), on 1 process and on all cores. It does only the filling — no decisions, declarations,
   cover sheet, instructions, flattened copies or merged packet — so it bounds what form filling alone costs.

`--profile` instead runs one worker in this process (`worker.handle`, rendition forms, no resume) on
`--clients` clients and prints where a client's time goes, in milliseconds per client by stage: each
stage's own time, not counting the stages it calls (the read-back inside a fill is "read-back", not
"form fills"), wall and CPU, and the end-of-batch sync shared out per client. `--cprofile N` adds
cProfile's N functions with the most time of their own (with call counts, which are not noisy).

Prints the figures, with a reference-loop time (how fast the machine runs Python at that moment: shared
machines vary by half from minute to minute). `--large 0` skips the second memory point.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import functools
import importlib
import io
import pstats
import resource
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
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
    cpu: float = 0.0  # seconds of CPU, the whole process tree (user and system)

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
    began, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    monitor = Monitor(process.pid)
    monitor.start()
    _, stderr = process.communicate()
    seconds, cpu = time.perf_counter() - began, _children_cpu() - cpu
    monitor.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"relief batch failed ({process.returncode}):\n{stderr[-2000:]}")
    with (out / "results.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Run(len(rows), jobs, seconds, sum(bool(r["packet"]) for r in rows), monitor.rss, monitor.pss,
               monitor.parent, monitor.worker, cpu)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes and theirs (a batch waits for its workers): on a
    shared machine this varies far less than the wall clock."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


# --- one worker's profile, by stage ----------------------------------------------------------------------

# (stage, "module:function" or "module:Class.method"): the time inside each is its stage's, until it calls
# another listed function. Anything of a client's not listed here is "other (worker)".
STAGES = (
    ("profile (read, validate)", "assembler.batch.worker:_profile"),
    ("resume fingerprint", "assembler.batch.fingerprint:fingerprint"),
    ("resume fingerprint", "assembler.batch.fingerprint:finished"),
    ("decisions", "rules.engine:assess"),
    ("planning (form values, overflow, packet contents)", "assembler.plan.formset:build_forms"),
    ("planning (form values, overflow, packet contents)", "assembler.bundle.packet:bundle"),
    ("planning (form values, overflow, packet contents)", "assembler.plan.service:service_list"),
    ("declarations (wording)", "assembler.plan.declarations:render_declaration"),
    ("form fills", "assembler.render.forms.rendition.backend:RenditionBackend.fill"),
    ("read-back", "assembler.render.forms.rendition.readback:read_back"),
    ("typesetting: instructions", "assembler.render.pages.instructions:render_instructions"),
    ("typesetting: instructions", "assembler.render.pages.instructions:instructions_pages"),
    ("typesetting: cover", "assembler.render.pages.cover:cover_pages"),
    ("typesetting: proof of service", "assembler.render.pages.proof_of_service:proof_of_service_pages"),
    ("our pages' PDF files (cover, instructions, proof)", "assembler.render.pages.writing:pdf_bytes"),
    ("forms' pages for the packet", "assembler.render.forms.rendition.backend:RenditionBackend.printed_pages"),
    ("merge into packet.pdf", "assembler.bundle.merge:merge"),
    ("manifest", "assembler.bundle.pipeline:_manifest"),
    ("file writes", "assembler.bundle.pipeline:write_packet"),
    ("file writes", "assembler.batch.fingerprint:write_record"),  # with the sha256 of every file
    ("file writes", "assembler.batch.worker:_clear_leftovers"),
    ("file writes", "assembler.batch.fingerprint:recorded_names"),
)
FSYNC = "fsync (os.sync at the end, per client)"


class Stages:
    """Wall and CPU time by stage, each stage's own: entering a listed function switches the clocks to
    its stage, leaving it switches back to the caller's. CPU time is this process's alone: on a shared
    machine it varies less than wall time, and it is what bounds clients per core."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._stack = ["other (worker)"]
        self.start()

    def start(self) -> None:
        self._mark, self._cpu_mark = time.perf_counter(), time.process_time()

    def _switch(self) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.seconds[self._stack[-1]] += now - self._mark
        self.cpu[self._stack[-1]] += cpu - self._cpu_mark
        self._mark, self._cpu_mark = now, cpu

    def timed(self, stage: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            self._switch()
            self._stack.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                self._switch()
                self._stack.pop()
        return wrapper

    def install(self) -> None:
        """Replace each listed function wherever it is reachable: its module or class, and every loaded
        module of ours that imported it by name."""
        for stage, target in STAGES:
            module_name, qualname = target.split(":")
            owner = importlib.import_module(module_name)
            *path, name = qualname.split(".")
            for part in path:
                owner = getattr(owner, part)
            original = getattr(owner, name)
            wrapper = self.timed(stage, original)
            setattr(owner, name, wrapper)
            if path:
                continue
            for module in list(sys.modules.values()):
                if getattr(module, "__name__", "").startswith(("assembler", "rules")):
                    for attribute, value in list(vars(module).items()):
                        if value is original:
                            setattr(module, attribute, wrapper)


def profile_worker(count: int, top: int) -> None:
    from assembler.batch.inputs import Source
    from assembler.batch.worker import Settings, handle
    from assembler.bundle.pipeline import backend_for  # loads every module whose functions are timed

    with tempfile.TemporaryDirectory(prefix="relief-batch-profile-") as tmp:
        folder = Path(tmp)
        settings = Settings(outdir=folder / "out", as_of=AS_OF, resume=False)
        settings.outdir.mkdir()
        backend = backend_for("rendition")
        batch = list(Source(make_batch(folder, count)))
        for client in batch[:10]:  # what each process does once: blanks drawn, fonts built, caches warm
            handle(client, settings, backend)
        print(f"one worker's profile: {count} synthetic clients in this process (rendition forms), load average "
              f"{os.getloadavg()[0]:.1f}, reference loop {reference_ms():.0f} ms (lower is a faster machine)")
        stages = Stages()
        stages.install()
        profiler = cProfile.Profile() if top else None
        began, began_cpu = time.perf_counter(), time.process_time()
        stages.start()
        if profiler:
            profiler.enable()
        for client in batch:
            handle(client, settings, backend)
        stages._switch()
        stages._stack.append(FSYNC)
        os.sync()
        stages._switch()
        if profiler:
            profiler.disable()
        total, total_cpu = time.perf_counter() - began, time.process_time() - began_cpu
        _show_stages(stages, count, total, total_cpu, profiled=bool(profiler))
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
            print(out.getvalue())


def _show_stages(stages: Stages, count: int, total: float, total_cpu: float, *, profiled: bool) -> None:
    order = list(dict.fromkeys([stage for stage, _ in STAGES] + ["other (worker)", FSYNC]))
    print(f"  {'ms per client':<50} {'wall':>7} {'cumul.':>7} {'CPU':>7} {'cumul.':>7} {'share':>6}")
    wall = cpu = 0.0
    for stage in order:
        ms, cpu_ms = (1000 * stages.seconds.get(stage, 0.0) / count, 1000 * stages.cpu.get(stage, 0.0) / count)
        wall, cpu = wall + ms, cpu + cpu_ms
        share = 100 * cpu_ms / (1000 * total_cpu / count)
        print(f"  {stage:<50} {ms:7.2f} {wall:7.2f} {cpu_ms:7.2f} {cpu:7.2f} {share:5.1f}%")
    note = " (under cProfile: slower than without)" if profiled else ""
    print(f"  {'total':<50} {1000 * total / count:7.2f} {'':7} {1000 * total_cpu / count:7.2f}{note}")
    print(f"  = {count / total:.2f} clients/s on one core (wall), {count / total_cpu:.2f} per CPU-second")


# --- the report ------------------------------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:7.1f} MiB"


def show(label: str, run: Run) -> None:
    print(f"  {label:<34} {run.clients:5d} clients ({run.packets} packet.pdf) in {run.seconds:7.1f} s "
          f"= {run.rate:6.2f} clients/s; CPU {run.cpu:6.1f} s = {1000 * run.cpu / run.clients:5.1f} ms a client")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--large", type=int, default=5000, help="second batch size for memory; 0 skips it")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="all cores by default")
    parser.add_argument("--baseline-clients", type=int, default=100)
    parser.add_argument("--single-clients", type=int, default=None,
                        help="clients for the 1-process run (the first N of the same batch); default --clients; "
                             "0 skips it")
    parser.add_argument("--profile", action="store_true",
                        help="profile one worker in this process by stage instead (uses --clients, default 200)")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="with --profile: also cProfile's N functions with the most time of their own")
    args = parser.parse_args()
    if args.profile:
        profile_worker(args.clients if "--clients" in sys.argv else 200, args.cprofile)
        return

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
        idle_1000 = runs["all"].cpu / runs["all"].clients * 1000 / args.jobs
        print(f"  1,000 clients would take {seconds_1000:.0f} s on {args.jobs} cores (goal: <= 30 s on 2); "
              f"by CPU time alone, on {args.jobs} idle cores: {idle_1000:.0f} s")

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
