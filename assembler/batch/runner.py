"""Running a batch: clients through a pool of worker processes, at most a few in flight at a time.

The loop (`_Loop`) is the same whoever builds the packets: a dispatcher submits a client, says which are
done and turns a finished one into its outcome. `ProcessPool` (the default) forks worker processes on this
machine, each writing its own clients' folders; `cluster.DaskDispatcher` (`--dask`) builds on a Dask
cluster and writes from this process.

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
from collections.abc import Hashable, Iterable
from typing import Protocol

from assembler.batch.inputs import ClientInput, Source
from assembler.batch.outcome import Outcome, failed
from assembler.batch.progress import BatchProgress
from assembler.batch.results import FILE as RESULTS, Results
from assembler.batch.summary import Tally
from assembler.batch.worker import Settings, run, start
from assembler.bundle.files import one_writer
from assembler.errors import ReliefError

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


class Dispatcher(Protocol):
    """Who builds the packets. `submit` returns a future the loop keeps; every method but `submit` and
    `open` takes the futures the loop holds."""

    slots: int  # clients handed out at once (the loop keeps QUEUED_AHEAD more waiting)

    def open(self) -> None: ...
    def submit(self, client: ClientInput) -> Hashable: ...
    def wait(self, futures: list) -> Iterable: ...  # at least one done
    def outcome(self, client: ClientInput, future) -> Outcome: ...  # written; a failure becomes an error outcome
    def keep_running(self, futures: list) -> list: ...  # cancel what has not started, return the rest
    def abandon(self) -> None: ...  # the second Ctrl-C: stop the work in flight now
    def close(self) -> None: ...


def run_batch(source: Source, settings: Settings, jobs: int, progress: BatchProgress,
              dispatcher: Dispatcher | None = None) -> Report:
    with one_writer(settings.outdir):
        return _run(source, settings, dispatcher or ProcessPool(settings, jobs), progress)


def dask_dispatcher(settings: Settings, target: str, jobs: int) -> Dispatcher:
    """`--dask local` or `--dask tcp://HOST:8786`; Dask is an optional extra."""
    try:
        from assembler.batch.cluster import DaskDispatcher
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise ClusterError("Dask is not installed", field="--dask",
                           fix="install it: pip install 'ca-relief[cluster]'") from None
    return DaskDispatcher(settings, target, jobs)


class ClusterError(ReliefError):
    """The Dask cluster cannot be used for this batch: not installed, not reached, or not set up alike."""


def _run(source: Source, settings: Settings, dispatcher: Dispatcher, progress: BatchProgress) -> Report:
    for name in OUTPUTS:
        (settings.outdir / name).unlink(missing_ok=True)
    report = Report(source.total)
    began = time.monotonic()
    with _stop_on_sigterm():
        _Loop(dispatcher, report, progress).run(iter(source))
    report.seconds = time.monotonic() - began
    os.sync()  # the packets were written without a flush each (worker.py): one flush for all of them
    if not report.interrupted:
        report.results.write(settings.outdir)
        report.tally.write(settings.outdir, settings.as_of)
    return report


class _Loop:
    def __init__(self, dispatcher: Dispatcher, report: Report, progress: BatchProgress):
        self.dispatcher, self.report, self.progress = dispatcher, report, progress
        self.pending: dict = {}  # future → ClientInput

    def run(self, clients) -> None:
        try:
            self.dispatcher.open()
            for client in clients:
                self.pending[self.dispatcher.submit(client)] = client
                if len(self.pending) >= self.dispatcher.slots + QUEUED_AHEAD:
                    self._collect()
            while self.pending:
                self._collect()
        except KeyboardInterrupt:
            self._stop()
        finally:
            self.dispatcher.close()

    def _collect(self) -> None:
        for future in self.dispatcher.wait(list(self.pending)):
            client = self.pending.pop(future)
            outcome = self.dispatcher.outcome(client, future)
            self.report.add(outcome)
            self.progress.done(outcome)

    def _stop(self) -> None:
        self.report.interrupted = True
        running = self.dispatcher.keep_running(list(self.pending))
        self.pending = {f: self.pending[f] for f in running}
        self.progress.say(f"stopping: finishing the {len(running)} client(s) in progress "
                          "(press Ctrl-C again to abandon them)")
        try:
            while self.pending:
                self._collect()
        except KeyboardInterrupt:
            self.dispatcher.abandon()
            self.progress.say("abandoned the clients in progress; their folders will be built again on resume")
            self.pending.clear()
        # Stopped: nothing is left to abandon, so a late Ctrl-C must not cut the exit short (a traceback
        # instead of the message saying how to resume).
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPool:
    """The default dispatcher: `jobs` forked worker processes on this machine, each writing its clients' folders."""

    def __init__(self, settings: Settings, jobs: int):
        self.settings, self.slots = settings, jobs
        self.executor: ProcessPoolExecutor | None = None

    def open(self) -> None:
        """Start every worker now (fork before the progress bar's thread does anything)."""
        context = multiprocessing.get_context("fork")
        self.executor = ProcessPoolExecutor(self.slots, mp_context=context, initializer=start,
                                            initargs=(self.settings,))
        self.executor.submit(int).result()

    def submit(self, client: ClientInput) -> Future:
        if self.executor is None:  # a worker died: the pool is broken and was dropped
            self.open()
        return self.executor.submit(run, client)

    def wait(self, futures: list[Future]) -> set[Future]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def outcome(self, client: ClientInput, future: Future) -> Outcome:
        try:
            return future.result()
        except BrokenProcessPool:
            self._drop()
            return failed(client.index, client.label, "the worker process building this packet stopped "
                          "unexpectedly; fix: run the batch again to retry this client", client.rows)
        except OSError as exc:
            return failed(client.index, client.label, f"could not write the packet ({exc.strerror}); fix: "
                          "check the output folder's free space and permissions", client.rows)

    def keep_running(self, futures: list[Future]) -> list[Future]:
        for future in futures:
            future.cancel()
        return [f for f in futures if not f.cancelled()]

    def abandon(self) -> None:
        for child in multiprocessing.active_children():
            child.kill()
        self._drop()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _drop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None


class _stop_on_sigterm:
    """SIGTERM stops a batch the way Ctrl-C does."""

    def __enter__(self):
        self._previous = signal.signal(signal.SIGTERM, _interrupt)

    def __exit__(self, *exc):
        signal.signal(signal.SIGTERM, self._previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
