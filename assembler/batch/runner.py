"""Running a batch: clients through a pool of worker processes, at most a few in flight at a time.

The input is read one client ahead of the workers (never all at once), so memory stays flat whatever
the batch size. Ctrl-C (or SIGTERM) stops taking new clients, lets the ones in flight finish — their
packets are complete and resume will keep them — and a second Ctrl-C abandons them: their workers are
killed, and since every file is written to a temporary name and renamed, no half-written file is left
under a real name. results.csv and the summaries describe a finished batch only, so they are removed
at the start and written at the end.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from assembler.batch.inputs import ClientInput, Source
from assembler.batch.outcome import Outcome, failed
from assembler.batch.progress import BatchProgress
from assembler.batch.results import FILE as RESULTS, Results
from assembler.batch.summary import Tally
from assembler.batch.worker import Settings, run, start
from assembler.bundle.files import one_writer

QUEUED_AHEAD = 1  # clients waiting beside those being built: keeps workers busy, Ctrl-C quick
OUTPUTS = (RESULTS, "summary.csv", "summary.html")


@dataclass
class Report:
    """What the batch did so far; it keeps a line per client, never the clients' outcomes themselves."""

    total: int
    results: Results = field(default_factory=Results)
    tally: Tally = field(default_factory=Tally)
    interrupted: bool = False
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.results.add(outcome)
        self.tally.add(outcome)

    @property
    def done(self) -> int:
        return self.tally.total

    @property
    def resumed(self) -> int:
        return self.tally.resumed

    def count(self, status: str) -> int:
        return self.tally.by_status[status]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(source: Source, settings: Settings, jobs: int, progress: BatchProgress) -> Report:
    with one_writer(settings.outdir):
        return _run(source, settings, jobs, progress)


def _run(source: Source, settings: Settings, jobs: int, progress: BatchProgress) -> Report:
    for name in OUTPUTS:
        (settings.outdir / name).unlink(missing_ok=True)
    report = Report(source.total)
    began = time.monotonic()
    with _stop_on_sigterm():
        _Pool(settings, jobs, report, progress).run(iter(source))
    report.seconds = time.monotonic() - began
    os.sync()  # the packets were written without a flush each (worker.py): one flush for all of them
    if not report.interrupted:
        report.results.write(settings.outdir)
        report.tally.write(settings.outdir, settings.as_of)
    return report


class _Pool:
    def __init__(self, settings: Settings, jobs: int, report: Report, progress: BatchProgress):
        self.settings, self.jobs, self.report, self.progress = settings, jobs, report, progress
        self.pending: dict[Future, ClientInput] = {}
        self.executor: ProcessPoolExecutor | None = None

    def run(self, clients) -> None:
        self._open()
        try:
            for client in clients:
                if self.executor is None:
                    self._open()
                self.pending[self.executor.submit(run, client)] = client
                if len(self.pending) >= self.jobs + QUEUED_AHEAD:
                    self._collect()
            while self.pending:
                self._collect()
        except KeyboardInterrupt:
            self._stop()
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)

    def _open(self) -> None:
        """Start every worker now (fork before the progress bar's thread does anything)."""
        context = multiprocessing.get_context("fork")
        self.executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=start,
                                            initargs=(self.settings,))
        self.executor.submit(int).result()

    def _collect(self) -> None:
        done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
        for future in done:
            client = self.pending.pop(future)
            self._record(client, future)

    def _record(self, client: ClientInput, future: Future) -> None:
        try:
            outcome = future.result()
        except BrokenProcessPool:
            outcome = failed(client.index, client.label, "the worker process building this packet stopped "
                             "unexpectedly; fix: run the batch again to retry this client", client.rows)
            self._reopen()
        except OSError as exc:
            outcome = failed(client.index, client.label, f"could not write the packet ({exc.strerror}); fix: "
                             "check the output folder's free space and permissions", client.rows)
        self.report.add(outcome)
        self.progress.done(outcome)

    def _reopen(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def _stop(self) -> None:
        self.report.interrupted = True
        for future in self.pending:
            future.cancel()
        running = {f: c for f, c in self.pending.items() if not f.cancelled()}
        self.pending = running
        self.progress.say(f"stopping: finishing the {len(running)} client(s) in progress "
                          "(press Ctrl-C again to abandon them)")
        try:
            while self.pending:
                self._collect()
        except KeyboardInterrupt:
            for child in multiprocessing.active_children():
                child.kill()
            self.progress.say("abandoned the clients in progress; their folders will be built again on resume")
            self.pending.clear()
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
        # Stopped: nothing is left to abandon, so a late Ctrl-C must not cut the exit short (a traceback
        # instead of the message saying how to resume).
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class _stop_on_sigterm:
    """SIGTERM stops a batch the way Ctrl-C does."""

    def __enter__(self):
        self._previous = signal.signal(signal.SIGTERM, _interrupt)

    def __exit__(self, *exc):
        signal.signal(signal.SIGTERM, self._previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
