"""`relief batch --assess-only`: decisions for a county-sized table, streamed, no PDFs.

The table is read row by row (`stream`: a client's rows must be together); clients go in chunks to a
pool of worker processes, which parse, decide and format each client's lines (`assess_rows`); the
parent appends the lines in input order to `results.csv.partial` and, about once a second, records
how far it got (`checkpoint`). Only the chunks in flight are in memory, never the table or the results,
so memory stays flat from ten thousand clients to a million. When every client is done the partial file
becomes `results.csv` (and `results.xlsx` if asked for) and `summary.csv` / `summary.html` are written.

Ctrl-C or SIGTERM stops at once: the chunks in flight are dropped and decided again on resume; running
the same command again continues after the last recorded client, without a line lost or repeated.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console
from rich.progress import Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from assembler.batch import checkpoint
from assembler.batch.assess_rows import HEADER, LISTED, decide_chunk
from assembler.batch.results import to_csv
from assembler.batch.stream import ClientRows, Seen, read_clients
from assembler.batch.summary import DECISION_STATUSES, Tally
from assembler.batch.worker import settle_child
from assembler.bundle.files import one_writer

CHUNK = 250  # clients a worker decides at a time: ~0.1 s of work, so a stop is quick and IPC is cheap
AHEAD = 2  # chunks waiting per worker beside the one it decides
SAVE_EVERY = 2.0  # seconds between checkpoints (each writes the summary so far)
SHOWN_ERRORS = 20  # clients in error named on the terminal; results.csv has every one
RESULTS = "results.csv"
XLSX_ROWS = 1_048_575  # an .xlsx sheet holds 1,048,576 rows, the header among them
FORMATS = ("csv", "xlsx")


@dataclass
class Report:
    tally: Tally
    earlier: int = 0  # clients finished by a stopped run, not decided again
    interrupted: bool = False
    seconds: float = 0.0
    files: tuple[Path, ...] = ()
    note: str = ""

    @property
    def done(self) -> int:
        return self.tally.total

    def count(self, status: str) -> int:
        return self.tally.by_status[status]

    def closing(self, out: Path) -> str:
        """The command's last words: what was decided, or how to finish a stopped run."""
        if self.interrupted:
            return (f"stopped after {self.done:,} client(s), every one of them in {out / checkpoint.PARTIAL}. To "
                    "finish, run the same command again: it goes on after them (--no-resume starts over).")
        decided = self.done - self.earlier
        rate = decided / self.seconds if self.seconds else 0.0
        again = f", {self.earlier:,} decided by the earlier run" if self.earlier else ""
        now = f"{decided:,} in {self.seconds:.1f} s ({rate:,.0f}/s)" if decided else "nothing left to decide"
        line = (f"done: {self.count('ok'):,} ok, {self.count('needs_review'):,} needs review, "
                f"{self.count('error'):,} error(s) of {self.done:,} client(s){again}; {now}. See "
                f"{out / 'summary.html'} and {out / RESULTS}.")
        return f"{line}\n{self.note}" if self.note else line


def run(source: Path, outdir: Path, as_of: date, jobs: int, console: Console, resume: bool = True,
        results_format: str = "csv") -> Report:
    """Decide every client of `source` into OUTDIR; raises TableError (bad header) before any work."""
    clients = read_clients(source)  # checks the header first
    made = checkpoint.made_from(source, as_of, HEADER)
    with one_writer(outdir):
        earlier = checkpoint.load(outdir, made) if resume else None
        if earlier is not None and earlier.finished:
            return _finish_again(outdir, as_of, earlier, results_format)
        for name in (RESULTS, "results.xlsx", "summary.csv", "summary.html"):  # they describe a finished run
            (outdir / name).unlink(missing_ok=True)
        for leftover in outdir.glob(Seen.LEFTOVERS):  # the index of a run that was killed
            leftover.unlink(missing_ok=True)
        if earlier is None:
            (outdir / checkpoint.RECORD).unlink(missing_ok=True)  # starting over: no record may vouch for old lines
        return _Run(outdir, as_of, made, earlier, console).go(clients, jobs, results_format)


def _finish_again(outdir: Path, as_of: date, done: checkpoint.Checkpoint, results_format: str) -> Report:
    """The same command after a finished run: nothing to decide; the summary (and .xlsx) written anew."""
    tally = Tally.from_state(done.tally)
    files, note = _outputs(outdir, as_of, tally, results_format)
    return Report(tally, earlier=tally.total, files=files, note=note)


class _Run:
    def __init__(self, outdir: Path, as_of: date, made: dict, earlier: checkpoint.Checkpoint | None,
                 console: Console):
        self.outdir, self.as_of, self.console = outdir, as_of, console
        self.record = earlier or checkpoint.Checkpoint(made, tally=Tally(LISTED).state())
        self.tally = Tally.from_state(self.record.tally)
        self.report = Report(self.tally, earlier=self.record.clients)
        self.partial = checkpoint.Partial(outdir, to_csv([HEADER]), earlier)
        self.saved = time.monotonic()
        self.saved_tally = self.record.tally
        self.errors_shown = 0

    def go(self, clients: Iterator[ClientRows], jobs: int, results_format: str) -> Report:
        began = time.monotonic()
        pool = None
        try:
            with _Stop() as stop:
                pool = _Pool(jobs, self.as_of)  # its processes start before the progress bar's thread
                with _Progress(self.console, self.record.clients) as self.progress, Seen(self.outdir) as seen:
                    for finished in pool.run(self._todo(clients, seen)):
                        self._write(*finished)
                        if stop.asked:
                            self.report.interrupted = True
                            break
                    self._save(finished=not self.report.interrupted)
        except KeyboardInterrupt:  # asked twice: the last record stands, and the lines after it go on resume
            self.report.interrupted = True
            self.report.tally = Tally.from_state(self.saved_tally)
        finally:
            if pool is not None:
                pool.close(abandon=self.report.interrupted)
            self.report.seconds = time.monotonic() - began
        if self.report.interrupted:
            self.partial.close()
            return self.report
        self.partial.finish(self.outdir / RESULTS)
        self.report.files, self.report.note = _outputs(self.outdir, self.as_of, self.tally, results_format)
        return self.report

    def _todo(self, clients: Iterator[ClientRows], seen: Seen) -> Iterator[list[ClientRows]]:
        """Chunks of the clients not finished by an earlier run; every id goes through `seen`."""
        skip = self.record.clients
        for chunk in _chunks(clients, CHUNK):
            seen.check(chunk)
            todo = [c for c in chunk if c.index >= skip]
            if todo:
                yield todo

    def _write(self, chunk: list[ClientRows], lines: bytes, tally: Tally) -> None:
        self.partial.append(lines)
        self.tally.merge(tally)
        self.record.clients = chunk[-1].index + 1
        self.progress.advance(len(chunk))
        for _, label, _, _ in tally.errors[:max(0, SHOWN_ERRORS - self.errors_shown)]:
            self.progress.say(f"{label}: error (the message is in results.csv)")
            self.errors_shown += 1
        if time.monotonic() - self.saved >= SAVE_EVERY:
            self._save(finished=False)

    def _save(self, finished: bool) -> None:
        self.record.tail = self.partial.flush()
        self.record.size = self.partial.size
        self.record.tally = self.tally.state()
        self.record.finished = finished
        checkpoint.save(self.outdir, self.record)
        self.saved, self.saved_tally = time.monotonic(), self.record.tally


def _outputs(outdir: Path, as_of: date, tally: Tally, results_format: str) -> tuple[tuple[Path, ...], str]:
    """The summary (and results.xlsx when asked for); a note when the .xlsx could not be made."""
    files = [outdir / RESULTS, *tally.write(outdir, as_of, assess_only=True)]
    if results_format != "xlsx":
        return tuple(files), ""
    from assembler.batch.results_xlsx import TooManyRows, write_xlsx

    lines = sum(sum(counts[s] for s in DECISION_STATUSES) for counts in tally.by_remedy.values())
    try:
        files.append(write_xlsx(outdir / RESULTS, outdir / "results.xlsx", lines + tally.by_status["error"]))
    except TooManyRows as exc:
        return tuple(files), f"no results.xlsx: {exc}"
    return tuple(files), ""


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


class _Pool:
    """Chunks to worker processes, results back in input order; a few chunks in flight at a time."""

    def __init__(self, jobs: int, as_of: date):
        self.jobs, self.as_of = jobs, as_of
        self.executor: ProcessPoolExecutor | None = None
        self._open()

    def run(self, chunks: Iterator[list[ClientRows]]) -> Iterator[tuple[list[ClientRows], bytes, Tally]]:
        pending: deque[tuple[list[ClientRows], Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.executor.submit(decide_chunk, chunk, self.as_of)))
            while len(pending) > self.jobs * (1 + AHEAD):
                yield self._result(pending)
        while pending:
            yield self._result(pending)

    def _result(self, pending: deque) -> tuple[list[ClientRows], bytes, Tally]:
        chunk, future = pending.popleft()
        try:
            return (chunk, *future.result())
        except BrokenProcessPool:  # a worker died (out of memory, killed): this chunk here, the rest anew
            self.executor.shutdown(wait=False, cancel_futures=True)
            self._open()
            for index, (waiting, _) in enumerate(pending):
                pending[index] = (waiting, self.executor.submit(decide_chunk, waiting, self.as_of))
            return (chunk, *decide_chunk(chunk, self.as_of))

    def _open(self) -> None:
        context = multiprocessing.get_context("fork")
        self.executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=settle_child)
        self.executor.submit(int).result()  # every worker forked now

    def close(self, abandon: bool = False) -> None:
        """`abandon`: drop the chunks in flight (their lines were never written: resume decides them again)."""
        if self.executor is None:
            return
        self.executor.shutdown(wait=not abandon, cancel_futures=True)
        if abandon:
            for child in multiprocessing.active_children():
                child.kill()
        self.executor = None


class _Stop:
    """Ctrl-C or SIGTERM: stop after the chunk being written, so the record matches the lines; a second one
    stops at once (the last record still matches the lines it counts)."""

    def __init__(self):
        self.asked = False

    def __enter__(self) -> "_Stop":
        self._previous = {sig: signal.signal(sig, self._ask) for sig in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _ask(self, signum, frame) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        decided = task.completed - task.fields["earlier"]
        rate = decided / elapsed if elapsed and decided else None
        return Text(f"{rate:7.0f} clients/s" if rate else "      – clients/s", style="progress.data.speed")


class _Progress:
    """Clients decided so far (the total is not known before the end of the table), the rate, the time."""

    def __init__(self, console: Console, earlier: int):
        self._bar = Progress(TextColumn("[bold]clients"), TextColumn("{task.completed:>10,.0f}"), _Rate(),
                             TimeElapsedColumn(), console=console, transient=False)
        self._task = self._bar.add_task("clients", total=None, completed=earlier, earlier=earlier)

    def __enter__(self) -> "_Progress":
        self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.stop()

    def advance(self, count: int) -> None:
        self._bar.advance(self._task, count)

    def say(self, text: str) -> None:
        self._bar.console.print(text, markup=False, highlight=False)
