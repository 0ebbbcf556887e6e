"""Benchmark: the batch at county scale, in one run (not a timed test).

    python benchmarks/scale.py [--sizes 10000,100000,1000000] [--jobs N] [--packets 400] [--starts 5] [--keep DIR]

1. `relief batch --assess-only` (decisions only, streamed) on synthetic clinic tables of each size
   (`assembler.batch.synthetic`, the same clients as benchmarks/batch.py; the smaller tables are the first
   clients of the largest, written in one pass): clients per second, wall clock including start-up, and peak
   memory of the whole process tree sampled from /proc (benchmarks/batch.py's `Monitor`: the sum of RSS, the
   sum of PSS, the parent's RSS, the largest worker's RSS). Then the time ratio of the two smallest sizes
   (goal for 100k vs 10k: <= 12x) and the memory of the largest vs the second largest (goal: within 10 %).
2. Packets on the process pool vs a Dask LocalCluster (benchmarks/dask_vs_pool.py), `--packets` clients.
3. CLI start: `relief --help` and `relief assess examples/<one>.yaml` against the bare imports any such
   tool pays (`python -c "import pydantic, yaml, typer"`), best of `--starts` runs each, side by side.

Goals on 2 cores: 100,000 clients within 600 MB for the whole tree, 1,000,000 clients in <= 4 minutes.
Prints a reference-loop time first (how fast the machine runs Python at that moment: shared machines vary
by half from one minute to the next) and the load average, so figures from different runs compare.
A million-client table is about 1.2 GB and takes a few minutes to write; `--keep DIR` keeps the tables
there (and reuses them on the next run).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from batch import Monitor, mib, reference_ms  # noqa: E402  (benchmarks/batch.py)

from assembler.batch.runner import default_jobs  # noqa: E402
from assembler.batch.synthetic import clients, header, rows, samples  # noqa: E402

AS_OF = date(2026, 11, 1)
EXAMPLE = REPO / "examples" / "dismissal-misdemeanor.yaml"


@dataclass
class Scale:
    clients: int
    seconds: float
    lines: int
    peak_rss: int
    peak_pss: int
    peak_parent: int
    peak_worker: int

    @property
    def rate(self) -> float:
        return self.clients / self.seconds


# --- 1. assess-only at each size --------------------------------------------------------------------------


def make_tables(folder: Path, sizes: list[int]) -> dict[int, Path]:
    """One synthetic table per size, the smaller ones the first clients of the larger, written in one pass."""
    paths = {size: folder / f"clients-{size}.csv" for size in sizes}
    todo = [size for size in sizes if not paths[size].exists()]
    if not todo:
        return paths
    partial = {size: paths[size].with_suffix(".partial") for size in todo}  # a table cut short is never reused
    handles = {size: partial[size].open("w", newline="", encoding="utf-8") for size in todo}
    writers = {size: csv.writer(handle) for size, handle in handles.items()}
    try:
        for writer in writers.values():
            writer.writerow(header())
        bases = list(samples(REPO / "examples").values())
        for number, (client_id, profile) in enumerate(clients(bases, max(todo), AS_OF)):
            lines = rows(client_id, profile)
            for size, writer in writers.items():
                if number < size:
                    writer.writerows(lines)
    finally:
        for handle in handles.values():
            handle.close()
    for size in todo:
        partial[size].replace(paths[size])
    return paths


def assess_only(source: Path, out: Path, jobs: int) -> Scale:
    command = [sys.executable, "-m", "assembler", "batch", str(source), "-o", str(out), "--assess-only",
               "--jobs", str(jobs), "--as-of", AS_OF.isoformat(), "--no-resume"]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    monitor = Monitor(process.pid)
    monitor.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - began
    monitor.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"relief batch --assess-only failed ({process.returncode}):\n{stderr[-2000:]}")
    with (out / "results.csv").open("rb") as handle:
        lines = sum(1 for _ in handle) - 1
    clients_done = int(_between(stderr, " of ", " client(s)").replace(",", ""))
    return Scale(clients_done, seconds, lines, monitor.rss, monitor.pss, monitor.parent, monitor.worker)


def _between(text: str, before: str, after: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith("done:"))
    return line.split(after)[0].rsplit(before, 1)[1]


def show_scale(run: Scale) -> None:
    print(f"  {run.clients:>9,} clients ({run.lines:>9,} lines) in {run.seconds:7.1f} s = {run.rate:7.0f} clients/s;"
          f" peak sum RSS {mib(run.peak_rss)}, sum PSS {mib(run.peak_pss)}, parent RSS {mib(run.peak_parent)}, "
          f"largest worker RSS {mib(run.peak_worker)}")


def compare(runs: list[Scale]) -> None:
    if len(runs) < 2:
        return
    small, big = runs[0], runs[1]
    print(f"  time {big.clients:,} vs {small.clients:,} clients: {big.seconds / small.seconds:.1f}x for "
          f"{big.clients / small.clients:.0f}x the clients (goal for 100k vs 10k: <= 12x)")
    last, before = runs[-1], runs[-2]
    print(f"  memory {last.clients:,} vs {before.clients:,} clients: sum PSS {_change(last.peak_pss, before.peak_pss)}, "
          f"sum RSS {_change(last.peak_rss, before.peak_rss)} (goal: within 10 %)")
    million = next((r for r in runs if r.clients >= 1_000_000), None)
    if million:
        print(f"  {million.clients:,} clients in {million.seconds / 60:.1f} min (goal: <= 4 min on 2 cores)")


def _change(new: int, old: int) -> str:
    return f"{100 * (new / old - 1):+.1f} %"


# --- 2. packets: process pool vs Dask LocalCluster ---------------------------------------------------------


def pool_vs_dask(jobs: int, clients: int) -> None:
    """Packet throughput of `relief batch` on the process pool vs `--dask local` (a Dask LocalCluster with `jobs`
    workers) on the same synthetic clients (benchmarks/dask_vs_pool.py); goal: Dask >= 0.85x the pool."""
    if not clients:
        return
    try:
        from dask_vs_pool import dask_vs_pool
    except ImportError as exc:  # dask not installed: pip install -e '.[cluster]'
        print(f"packets, pool vs Dask: not measured ({exc})")
        return
    f = dask_vs_pool(clients, jobs)
    print(f"packets, {clients} clients, {jobs} workers: pool {f['pool']['throughput']:.1f}/s, Dask LocalCluster "
          f"{f['dask']['throughput']:.1f}/s (start-up excluded): Dask {f['ratio']:.2f}x the pool (goal >= 0.85x); "
          f"{f['ratio_with_startup']:.2f}x with the cluster's start-up; CPU per client {f['cpu_ratio']:.2f}x")


# --- 3. CLI start ---------------------------------------------------------------------------------------


# A typer command with `relief assess`'s three parameters and nothing else: what any typer 0.29 CLI pays before
# its own work (typer builds a pydantic TypeAdapter per parameter when it parses them).
TYPER_ONLY = """
from pathlib import Path
import typer
app = typer.Typer()
@app.command()
def assess(profile: Path = typer.Argument(..., exists=True, dir_okay=False),
           as_json: bool = typer.Option(False, "--json"), as_of: str = typer.Option(None, "--as-of")):
    pass
@app.command()
def other():
    pass
app()
"""


def best_of(command: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO, env=env)
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO, env=env)
        best = min(best, time.perf_counter() - began)
    return best


def start_env(bytecode: Path) -> dict[str, str]:
    """Bytecode kept (in a folder of its own) as on any installed copy: where PYTHONDONTWRITEBYTECODE is set, as on
    this machine, an editable checkout's modules are otherwise compiled from source at every start (~65 ms) while
    the installed libraries of the floor are not. The first run of each command, not counted, writes it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(bytecode)}


def cli_starts(runs: int) -> None:
    relief = [str(Path(sys.executable).with_name("relief"))] if Path(sys.executable).with_name("relief").exists() \
        else [sys.executable, "-m", "assembler"]
    args = [str(EXAMPLE.relative_to(REPO)), "--as-of", AS_OF.isoformat()]
    with tempfile.TemporaryDirectory(prefix="relief-bytecode-") as bytecode:
        env = start_env(Path(bytecode))
        bare = best_of([sys.executable, "-c", "import pydantic, yaml, typer"], runs, env)
        typer_only = best_of([sys.executable, "-c", TYPER_ONLY, "assess", *args], runs, env)
        helped = best_of([*relief, "--help"], runs, env)
        assessed = best_of([*relief, "assess", *args], runs, env)
    print(f"CLI start, best of {runs}: python -c 'import pydantic, yaml, typer' {bare * 1000:6.0f} ms | "
          f"relief --help {helped * 1000:6.0f} ms ({helped / bare:.2f}x, goal <= 1.6x) | relief assess {EXAMPLE.name} "
          f"{assessed * 1000:6.0f} ms ({assessed / bare:.2f}x, goal <= 2.2x)")
    print(f"  for scale: a typer command with the same three parameters and no work {typer_only * 1000:6.0f} ms "
          f"({typer_only / bare:.2f}x the bare imports); relief assess is {assessed / typer_only:.2f}x that")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated client counts for the assess-only runs; 0 skips them")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes; all cores by default")
    parser.add_argument("--starts", type=int, default=5, help="runs of each CLI start command (the best counts)")
    parser.add_argument("--packets", type=int, default=400, help="clients for pool vs Dask packets; 0 skips it")
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the synthetic tables here")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if int(s) > 0})

    print(f"scale benchmark: {args.jobs} core(s), load average {os.getloadavg()[0]:.1f} at start, reference loop "
          f"{reference_ms():.0f} ms (lower is a faster machine)")
    with tempfile.TemporaryDirectory(prefix="relief-scale-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if sizes:
            began = time.perf_counter()
            tables = make_tables(folder, sizes)
            print(f"assess-only (tables ready in {time.perf_counter() - began:.0f} s), {args.jobs} worker processes:")
            runs = []
            for size in sizes:
                out = Path(tmp) / f"out-{size}"
                runs.append(assess_only(tables[size], out, args.jobs))
                show_scale(runs[-1])
                shutil.rmtree(out)
            compare(runs)
        pool_vs_dask(args.jobs, args.packets)
    cli_starts(args.starts)
    print(f"load average {os.getloadavg()[0]:.1f} at the end, reference loop {reference_ms():.0f} ms")


if __name__ == "__main__":
    main()
