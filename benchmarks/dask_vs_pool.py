"""Benchmark: `relief batch` packet throughput on the process pool vs a Dask LocalCluster, one machine.

    python benchmarks/dask_vs_pool.py [--clients 120] [--jobs N]

Makes `--clients` synthetic clients (`assembler.batch.synthetic`, as benchmarks/batch.py does) as one CSV
and runs `relief batch --no-resume` on them as a subprocess, with the pool and with `--dask local`, the
same number of workers. Each is timed on the whole batch and on a fifth of it: the whole batch gives
clients/s including start-up (Dask's cluster takes seconds to start), the difference of the two gives
the packet throughput with start-up taken out. The runs alternate (pool, Dask, pool, Dask) so that a
shared machine's changing load falls on both alike. Goal: Dask >= 0.85x the pool.

On a shared machine the clock varies with other people's work; the CPU seconds each client costs (all
the batch's processes together, start-up taken out the same way) vary much less, and with every core
busy, throughput is cores / CPU per client: `cpu_ratio` (the pool's CPU per client over Dask's) is
the ratio an otherwise idle machine would show.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assembler.batch.runner import default_jobs  # noqa: E402
from assembler.batch.synthetic import clients as synthetic, samples, table  # noqa: E402

AS_OF = date(2026, 11, 1)
MODES = {"pool": [], "dask": ["--dask", "local"]}


def dask_vs_pool(clients: int, jobs: int | None = None) -> dict:
    """Seconds and clients/s of each mode, whole batch and start-up excluded, and Dask's ratio to the pool."""
    jobs = jobs or default_jobs()
    small = max(jobs, clients // 5)
    with tempfile.TemporaryDirectory(prefix="relief-dask-bench-") as tmp:
        folder = Path(tmp)
        inputs = {count: _batch(folder, count) for count in (small, clients)}
        runs = {(mode, count): _time(inputs[count], folder / f"{mode}-{count}", jobs, MODES[mode])
                for count in (small, clients) for mode in MODES}
    figures: dict = {"clients": clients, "jobs": jobs}
    for mode in MODES:
        (whole, whole_cpu), (part, part_cpu) = runs[mode, clients], runs[mode, small]
        figures[mode] = {"seconds": whole, "rate": clients / whole,
                         "throughput": (clients - small) / (whole - part) if whole > part else float("nan"),
                         "cpu_per_client": (whole_cpu - part_cpu) / (clients - small)}
    figures["ratio"] = figures["dask"]["throughput"] / figures["pool"]["throughput"]
    figures["ratio_with_startup"] = figures["dask"]["rate"] / figures["pool"]["rate"]
    figures["cpu_ratio"] = figures["pool"]["cpu_per_client"] / figures["dask"]["cpu_per_client"]
    return figures


def _batch(folder: Path, count: int) -> Path:
    path = folder / f"clients-{count}.csv"
    pairs = synthetic(list(samples(REPO / "examples").values()), count, AS_OF)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(table(pairs))
    return path


def _time(source: Path, out: Path, jobs: int, extra: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the batch's whole process tree."""
    command = [sys.executable, "-m", "assembler", "batch", str(source), "-o", str(out), "--jobs", str(jobs),
               "--as-of", AS_OF.isoformat(), "--no-resume", *extra]
    began, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    seconds, cpu = time.perf_counter() - began, _children_cpu() - cpu
    if done.returncode not in (0, 1):  # 1: some clients are errors, a normal batch
        raise SystemExit(f"relief batch {' '.join(extra)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=120)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    figures = dask_vs_pool(args.clients, args.jobs)
    print(f"{figures['clients']} synthetic clients, {figures['jobs']} worker(s) each")
    for mode in MODES:
        f = figures[mode]
        print(f"  {mode:5} {f['seconds']:6.1f} s  {f['rate']:5.2f} clients/s with start-up, "
              f"{f['throughput']:5.2f} clients/s without, {f['cpu_per_client'] * 1000:5.1f} ms CPU a client")
    print(f"  Dask / pool: {figures['ratio']:.2f}x packet throughput (goal >= 0.85x), "
          f"{figures['ratio_with_startup']:.2f}x with start-up, {figures['cpu_ratio']:.2f}x by CPU per client")


if __name__ == "__main__":
    main()
