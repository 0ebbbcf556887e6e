"""Benchmark: one filled CR-180, three ways, side by side in one run (not a timed test).

    python benchmarks/fill_official.py [--forms-dir DIR] [-n 200]

1. naive pypdf: parse, clone, fill (pypdf generates appearances), write — every time;
2. this project's official backend: the form parsed once per process, each fill an incremental
   update of bytes prepared once, values read back (`assembler.render.forms.official`), plain and flattened;
3. `pdftk fill_form` with an XFDF file, one process per form (the usual baseline).

Prints milliseconds per filled form, the speed-ups, and peak memory (Python allocations by
tracemalloc for 1 and 2; the child's maximum resident set size for pdftk).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from assembler.plan.formmap import cr180  # noqa: E402
from assembler.render.forms.official.backend import OfficialBackend  # noqa: E402
from assembler.render.forms.official.fieldmaps import current  # noqa: E402
from assembler.plan.placement import place  # noqa: E402
from formcases import COURT, SIGNED_ON, count, decision, profile  # noqa: E402


def logical_values(backend: OfficialBackend) -> dict:
    """A realistic petition: caption, two offenses, item 2 with the interest-of-justice text."""
    p = profile(count("460(b)"), count("484", level="misdemeanor"),
                sentence={"probation": {"outcome": "violated_reinstated", "violations": True}})
    decisions = [decision("17b", "discretionary"),
                 decision("1203.4", "discretionary", discretion=["PROBATION_VIOLATION"])]
    return place(cr180.values(p, p.cases[0], decisions, COURT, SIGNED_ON), backend)[0].values


def pdf_values(values: dict) -> dict[str, str]:
    """The same values keyed by PDF field name, as pypdf and pdftk take them."""
    fields = current("CR-180").fields
    out = {}
    for item, value in values.items():
        if value is False or value == "":
            continue
        for name in fields[item].pdf:
            out[name] = fields[item].on if value is True else value
    return out


def naive_pypdf(path: Path, values: dict[str, str]) -> bytes:
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    writer.root_object.pop(NameObject("/Perms"), None)
    writer.root_object["/AcroForm"].pop(NameObject("/XFA"), None)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xfdf(values: dict[str, str]) -> bytes:
    fields = "".join(f'<field name="{escape(k)}"><value>{escape(v.lstrip("/") if v.startswith("/") else v)}'
                     f"</value></field>" for k, v in values.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/">'
            f"<fields>{fields}</fields></xfdf>").encode()


def timed(fn, n: int) -> tuple[float, int]:
    """(ms per call, peak traced bytes) over n calls after one warm-up."""
    fn()
    tracemalloc.start()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed / n * 1000, peak


def timed_untraced(fn, n: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1000


def run_pdftk(path: Path, values: dict[str, str], n: int) -> tuple[float, int] | None:
    if shutil.which("pdftk") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "values.xfdf"
        data.write_bytes(xfdf(values))
        out = Path(tmp) / "out.pdf"
        cmd = ["pdftk", str(path), "fill_form", str(data), "output", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        start = time.perf_counter()
        for _ in range(n):
            subprocess.run(cmd, check=True, capture_output=True)
        ms = (time.perf_counter() - start) / n * 1000
    return ms, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms-dir", type=Path,
                        default=Path(os.environ.get("CA_RELIEF_FORMS_DIR", REPO.parent / "shared" / "forms-official")))
    parser.add_argument("-n", type=int, default=200, help="fills per strategy (pdftk and naive use n/10)")
    args = parser.parse_args()
    path = args.forms_dir / "CR-180.pdf"
    backend = OfficialBackend(args.forms_dir)

    start = time.perf_counter()
    backend.form("CR-180")
    prepare_ms = (time.perf_counter() - start) * 1000
    values = logical_values(backend)
    by_name = pdf_values(values)
    slow_n = max(5, args.n // 10)

    naive_ms = timed_untraced(lambda: naive_pypdf(path, by_name), slow_n)
    _, naive_peak = timed(lambda: naive_pypdf(path, by_name), 3)
    reuse_ms = timed_untraced(lambda: backend.fill("CR-180", values), args.n)
    _, reuse_peak = timed(lambda: backend.fill("CR-180", values), 20)
    flat_ms = timed_untraced(lambda: backend.fill("CR-180", values, flatten=True), args.n)
    pdftk = run_pdftk(path, by_name, slow_n)

    print(f"CR-180 fill, {len(by_name)} fields set, python {sys.version.split()[0]}")
    print(f"  naive pypdf (parse, clone, fill, write each time): {naive_ms:8.2f} ms/form   "
          f"peak {naive_peak / 2**20:6.1f} MiB  (n={slow_n})")
    print(f"  official backend, parse once + incremental fill:    {reuse_ms:8.2f} ms/form   "
          f"peak {reuse_peak / 2**20:6.1f} MiB  (n={args.n}; one-time prepare {prepare_ms:.0f} ms)")
    print(f"  official backend, same, flattened:                  {flat_ms:8.2f} ms/form")
    if pdftk:
        print(f"  pdftk fill_form (one process per form):             {pdftk[0]:8.2f} ms/form   "
              f"peak RSS {pdftk[1] / 2**20:6.1f} MiB  (n={slow_n})")
    else:
        print("  pdftk fill_form: pdftk is not installed")
    amortized = reuse_ms + prepare_ms / 1000  # the prepare cost spread over a batch of 1000
    print(f"  amortized over a batch of 1000: {amortized:.2f} ms/form")
    print(f"  speed-up vs naive pypdf: {naive_ms / reuse_ms:5.1f}x"
          + (f"   vs pdftk: {pdftk[0] / reuse_ms:5.1f}x" if pdftk else ""))


if __name__ == "__main__":
    main()
