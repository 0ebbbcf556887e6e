"""Benchmark: importing RAP sheets (issue 16's figures), in one run (not a timed test).

    python benchmarks/rapsheet.py [--cycles 10] [--repeat 200] [--clients 1000] [--jobs N] [--ocr-pages 2]

1. Import time of one text sheet of `--cycles` cycles (an arrest and its court case each), median and
   95th percentile over `--repeat` imports, in-process. Goal: <= 20 ms for 10 cycles.
2. `relief batch` on `--clients` text sheets in a folder vs the same clients as a CSV (each sheet's imported
   profile written as batch rows): wall time of both and the ratio. Goal: sheets <= 1.2x the CSV.
   `--clients 0` skips it (a full run builds every packet twice: minutes).
3. OCR: the first `--ocr-pages` pages of a sheet printed in Courier 8 pt and scanned at 200 dpi (as the
   tests do), read back with one Tesseract thread: seconds per page. Goal: <= 3 s per page on one core.

The sheets are generated here from FORMAT.md's layout (made-up people), so no ../shared is needed.
Prints a reference-loop time too: shared machines vary by half from one minute to the next.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from batch import AS_OF, reference_ms, run_batch  # noqa: E402

from assembler.batch.synthetic import plain, rows  # noqa: E402
from assembler.batch.columns import header  # noqa: E402
from assembler.rapsheet import import_text  # noqa: E402

OFFENSES = [("484(A) PC", "THEFT OF PERSONAL PROPERTY", "M"), ("11350(A) HS", "POSSESS NARCOTIC CONTROLLED SUBSTANCE", "M"),
            ("23152(A) VC", "DUI ALCOHOL/DRUGS", "M"), ("459 PC", "BURGLARY", "F"), ("594(B)(1) PC", "VANDALISM", "F"),
            ("242 PC", "BATTERY", "M")]
COURTS = ["CASC LOS ANGELES METRO", "CASC SACRAMENTO", "CASC FRESNO", "CASC SAN DIEGO", "CASC ALAMEDA",
          "CASC RIVERSIDE"]


def sheet(seed: int, cycles: int) -> str:
    """A RAP sheet of `cycles` cycles: each an arrest and its court case, varied by `seed`."""
    draw = random.Random(seed)
    born = date(1970, 1, 1) + timedelta(days=draw.randrange(12_000))
    out = ["RE: QHY.CA0190043.99000999.TEST-          DATE:20250301 TIME:09:00:00",
           "RESTRICTED-DO NOT USE FOR EMPLOYMENT,LICENSING OR CERTIFICATION PURPOSES", "ATTN:RECORD REVIEW",
           "*  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *  *", "III CALIFORNIA ONLY SOURCE RECORD",
           f"CII/A{99000000 + seed:08d}", f"DOB/{born:%Y%m%d} SEX/M RAC/WHITE", f"NAM/01 TESTER{seed},SAM", ""]
    day = date(2000, 1, 1)
    for n in range(cycles):
        day += timedelta(days=draw.randrange(90, 500))
        section, words, level = draw.choice(OFFENSES)
        court = draw.choice(COURTS)
        out += ["* * * *", f"ARR/DET/CITE:         NAM:001  DOB:{born:%Y%m%d}", f"{day:%Y%m%d}  CAPD {court[5:]}", "",
                f"CNT:001    #{5_000_000 + seed * 100 + n}", f"  {section}-{words} TOC:{level}", "- - - -",
                "COURT:                NAM:001", f"{day + timedelta(days=40):%Y%m%d}  {court}", "",
                f"CNT:001    #{seed % 100:02d}CR{n:05d}", f"  {section}-{words}"]
        if draw.random() < 0.7:
            out += ["*DISPO:CONVICTED", "   CONV STATUS:MISDEMEANOR",
                    f"   SEN: 0{draw.choice([12, 24, 36])} MONTHS PROBATION, 00{draw.randrange(1, 9)} DAYS JAIL"]
        else:
            out += ["*DISPO:DISMISSED/FURTHERANCE OF JUSTICE"]
    out += ["", "     *    *    *    END OF MESSAGE    *    *    *"]
    return "\n".join(out) + "\n"


def import_times(cycles: int, repeat: int) -> list[float]:
    text = sheet(1, cycles)
    import_text(text, today=AS_OF)  # caches (court table, offense table) warm, as in a batch worker
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        import_text(text, today=AS_OF)
        times.append((time.perf_counter() - began) * 1000)
    return times


def batch_pair(folder: Path, clients: int, jobs: int) -> tuple[float, float]:
    sheets = folder / "sheets"
    sheets.mkdir()
    table = folder / "clients.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header())
        for n in range(clients):
            text = sheet(n, 3)
            (sheets / f"client-{n:05d}.txt").write_text(text)
            writer.writerows(rows(f"client-{n:05d}", plain(import_text(text, today=AS_OF).profile)))
    from_sheets = run_batch(sheets, folder / "out-sheets", jobs)
    from_table = run_batch(table, folder / "out-table", jobs)
    return from_sheets.seconds, from_table.seconds


def ocr_seconds_per_page(folder: Path, pages: int) -> tuple[float, float]:
    """(wall seconds, Tesseract CPU seconds) per page: CPU time is what "one core" costs, whatever the load."""
    import pypdfium2

    from assembler.rapsheet import scans
    from tests.printed_sheets import as_pdf, as_scan

    scan_pdf = as_scan(as_pdf(sheet(7, 12), folder / "text.pdf"), folder / "scan.pdf", pages)
    count = len(pypdfium2.PdfDocument(str(scan_pdf)))
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one core, as the goal says
    began, cpu = time.perf_counter(), _children_cpu()
    scans.ocr_pdf(scan_pdf.read_bytes(), scan_pdf)
    return (time.perf_counter() - began) / count, (_children_cpu() - cpu) / count


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _dpi() -> int:
    from assembler.rapsheet import scans

    return scans.DPI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--ocr-pages", type=int, default=2)
    args = parser.parse_args()
    print(f"reference loop: {reference_ms():.0f} ms (lower is a faster machine at this moment)")
    times = import_times(args.cycles, args.repeat)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"import of one {args.cycles}-cycle text sheet: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms over {args.repeat} (goal <= 20 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.clients:
            sheets, table = batch_pair(folder, args.clients, args.jobs)
            print(f"relief batch, {args.clients} clients, {args.jobs} job(s): RAP sheets {sheets:.1f} s, same clients "
                  f"as CSV {table:.1f} s, ratio {sheets / table:.2f}x (goal <= 1.2x)")
        if args.ocr_pages:
            try:
                wall, cpu = ocr_seconds_per_page(folder, args.ocr_pages)
                print(f"OCR (Tesseract, one thread, 200 dpi scan read at {_dpi()} dpi): {cpu:.2f} s CPU per page, "
                      f"{wall:.2f} s wall (goal <= 3 s per page on one core)")
            except Exception as exc:  # no tesseract: say so, keep the other figures
                print(f"OCR not measured: {exc}")


if __name__ == "__main__":
    main()
