"""`relief batch INPUT -o OUTDIR`: a packet for every client of a clinic event, results and a summary.

INPUT is a folder of profiles (YAML/JSON, the client id is the file name) or a .csv or .xlsx with one
row per count (`assembler/batch/COLUMNS.md`; `relief batch --template FILE` writes the header and an
example row). OUTDIR gets one folder per client id with its packet and manifest, `results.csv` (one row
per input client) and `summary.html` / `summary.csv` for the attorney. The terminal shows client ids only.

`--assess-only` makes decisions only, no PDFs and no client folders, for a table of any size (a county's
records): the .csv or .xlsx is read row by row (a client's rows must be together, as in a table sorted by
client_id), and OUTDIR gets `results.csv` with a line per client, case and remedy (status, eligible now or
on a date, blockers, discretion, flags, open questions, reasons with citations; an error line naming row and
column for a client whose rows cannot be decided), `summary.csv` / `summary.html`, and with
`--results-format xlsx` also `results.xlsx`. It resumes after Ctrl-C or a kill without redoing a finished
client (`assembler/batch/assess_only.py`).

Exit codes: 0 every client has a packet (or, with --assess-only, a decision); 1 some clients are errors (see
results.csv); 2 the input or an option is unusable and nothing was done; 130 stopped by Ctrl-C (run the same
command again to resume).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

import typer

from assembler.commands.common import fail, parse_as_of

if TYPE_CHECKING:
    from rich.console import Console

    from assembler.batch.runner import Report
    from assembler.batch.worker import Settings

EXIT_SOME_ERRORS = 1
EXIT_INTERRUPTED = 130


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)


def batch_command(
    input_path: Path = typer.Argument(None, metavar="INPUT", exists=True,
                                      help="A folder of profiles (YAML/JSON), or a .csv or .xlsx, one row per count"),
    out: Path = typer.Option(None, "-o", "--out", help="Folder for the packets, results.csv and the summary"),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes; default: all cores"),
    as_of: str = typer.Option(None, "--as-of", help="Decide and date the papers as of YYYY-MM-DD; default today"),
    resume: bool = typer.Option(True, "--resume/--no-resume",
                                help="Keep clients whose outputs are complete and match their input"),
    forms: str = typer.Option("rendition", "--forms", help="rendition (offline, default) or official"),
    forms_dir: Path = typer.Option(None, "--forms-dir", help="Folder holding the official PDFs (--forms official)"),
    dask: str = typer.Option(None, "--dask", metavar="local|tcp://HOST:8786",
                             help="Build on a Dask cluster: 'local' (this machine, --jobs workers) or a scheduler's "
                                  "address (README: Running on a cluster); needs pip install 'ca-relief\\[cluster]'"),
    assess_only: bool = typer.Option(False, "--assess-only",
                                     help="Decisions only, no PDFs: results.csv with a line per client, case and "
                                          "remedy (status, eligible now or on, blockers, open questions, flags, "
                                          "reasons with citations) and the summary. Streams a .csv or .xlsx of "
                                          "any size (a client's rows together); resumable"),
    results_format: str = typer.Option("csv", "--results-format", metavar="csv|xlsx",
                                       help="With --assess-only: xlsx also writes results.xlsx (up to 1,048,575 "
                                            "lines)"),
    template: Path = typer.Option(None, "--template", dir_okay=False,
                                  help="Write a CSV (or .xlsx) with every column and an example row, then stop"),
) -> None:
    """Build packets for many clients at once, in parallel, resumable; --assess-only: decisions only, streamed,
    for a table of any size."""
    from assembler.batch.template import write_template

    if template is not None:
        write_template(template)
        typer.echo(f"wrote {template}: the header and one example row (assembler/batch/COLUMNS.md explains "
                   "each column)")
        return
    if input_path is None or out is None:
        fail("give the input and the output folder: relief batch INPUT -o OUTDIR (or --template FILE)")
    day = parse_as_of(as_of)
    if assess_only:
        raise typer.Exit(_assess_only(input_path, out, jobs, day, resume, results_format, dask))
    raise typer.Exit(_run(input_path, out, jobs, day, forms, forms_dir, resume, dask))


def _run(input_path: Path, out: Path, jobs: int | None, day: date, forms: str, forms_dir: Path | None,
         resume: bool, dask: str | None = None) -> int:
    from rich.console import Console

    from assembler.batch.inputs import Source
    from assembler.batch.progress import BatchProgress
    from assembler.batch.runner import ClusterError, dask_dispatcher, default_jobs, run_batch
    from assembler.batch.tables import TableError
    from assembler.batch.worker import Settings
    from assembler.bundle.files import NotWritable, OutdirInUse

    settings = Settings(out.resolve(), day, forms, forms_dir, None, resume)
    _check_forms(settings)
    try:
        source = Source(input_path)
    except TableError as exc:
        fail(str(exc))
    console = Console(stderr=True, soft_wrap=True)
    workers = jobs or default_jobs()
    try:
        dispatcher = dask_dispatcher(settings, dask, workers) if dask else None
    except ClusterError as exc:
        fail(str(exc))
    where = dispatcher.name if dispatcher else f"{workers} worker process(es)"
    console.print(f"{source.total} client(s) from {input_path.name}, {where}, as of "
                  f"{day.isoformat()}{'' if resume else ', rebuilding every client'}", highlight=False)
    try:
        with BatchProgress(source.total, console) as progress:
            report = run_batch(source, settings, workers, progress, dispatcher)
    except (OutdirInUse, NotWritable, ClusterError) as exc:
        fail(str(exc))
    return _close(report, out, console)


def _check_forms(settings: Settings) -> None:
    """An unusable --forms choice fails once, here, not once per client. Loads the pipeline for the workers."""
    from assembler.bundle.pipeline import backend_for

    try:
        backend_for(settings.forms, settings.forms_dir)
        if settings.forms == "official":
            from assembler.render.forms.official.store import find_form, forms_dir

            find_form(forms_dir(settings.forms_dir)[0], "CR-180")  # the form nearly every packet needs
    except (ValueError, OSError) as exc:
        fail(str(exc))


def _close(report: Report, out: Path, console: Console) -> int:
    done = report.done
    if report.interrupted:
        console.print(f"stopped after {done} of {report.total} client(s); the finished packets are kept. To finish, "
                      f"run the same command again: --resume (the default) skips the finished clients.",
                      highlight=False)
        return EXIT_INTERRUPTED
    rate = done / report.seconds if report.seconds else 0.0
    console.print(f"done: {report.count('ok')} ok, {report.count('needs_review')} needs review, "
                  f"{report.count('error')} error(s) of {report.total} client(s)"
                  f"{f', {report.resumed} unchanged and kept' if report.resumed else ''} in {report.seconds:.1f} s "
                  f"({rate:.1f}/s). See {out / 'summary.html'} and {out / 'results.csv'}.", highlight=False)
    return EXIT_SOME_ERRORS if report.count("error") else 0


def _assess_only(input_path: Path, out: Path, jobs: int | None, day: date, resume: bool, results_format: str,
                 dask: str | None) -> int:
    """--assess-only: the table's decisions streamed into results.csv and the summary (batch/assess_only.py)."""
    from rich.console import Console

    from assembler.batch.assess_only import FORMATS, run
    from assembler.batch.runner import default_jobs
    from assembler.batch.tables import TABLE_SUFFIXES, TableError
    from assembler.bundle.files import NotWritable, OutdirInUse

    if input_path.is_dir() or input_path.suffix.lower() not in TABLE_SUFFIXES:
        fail(f"{input_path.name}: --assess-only reads a .csv or .xlsx table; fix: give one (`relief batch --template "
             "FILE` shows the columns), or leave out --assess-only for a folder of profiles")
    if results_format not in FORMATS:
        fail(f"--results-format {results_format}: not a results format; fix: use csv or xlsx")
    if dask:
        fail("--dask builds packets on a cluster; --assess-only decides on this machine; fix: leave out one of them")
    console = Console(stderr=True, soft_wrap=True)
    workers = jobs or default_jobs()
    console.print(f"deciding the clients of {input_path.name} (decisions only, no packets), {workers} worker "
                  f"process(es), as of {day.isoformat()}{'' if resume else ', starting over'}", highlight=False)
    try:
        report = run(input_path, out.resolve(), day, workers, console, resume, results_format)
    except (TableError, OutdirInUse, NotWritable) as exc:
        fail(str(exc))
    console.print(report.closing(out), highlight=False)
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOME_ERRORS if report.count("error") else 0
