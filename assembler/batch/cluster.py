"""`relief batch --dask`: the clients built on a Dask cluster, their packets written by this process.

Workers build each packet in memory (`worker.build`); this process — the one holding OUTDIR
(`runner.run_batch`) — is the one writer of every client folder, by the pool's rules: each file atomically,
the record that vouches for them last. Workers that can write OUTDIR as this user (a LocalCluster, a shared
file system) write the packet into a staging folder of OUTDIR and this process moves it into place
(staging.py); other workers send the files back and this process writes them (`worker.store`). So workers
need no access to OUTDIR, nor to the input (a profile file travels with its client), and a lost worker loses
nothing: no client folder is written but here, Dask runs its clients again, and only the one result of each
client that reaches this process is placed. Clients
travel in chunks of a few, one Dask task each: a task costs the scheduler and this process a few
milliseconds, about a tenth of a simple client's packet.

`local` starts a LocalCluster on this machine: worker processes of one thread each, listening on
127.0.0.1 only, no dashboard. Any other target is the address of a running scheduler.

Each worker builds its form backend once, when the batch's plugin (`_Setup`, holding the settings) is
registered, or when a restarted worker joins. Privacy: a task's key is the batch token and its first
client's number, its arguments print as client ids, and distributed's own log lines are kept to warnings.
"""

from __future__ import annotations

import json
import logging
import secrets
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, wait

from assembler import __version__
from assembler.batch.fingerprint import RECORD, finished
from assembler.batch.inputs import ClientInput
from assembler.batch.outcome import Outcome, failed
from assembler.batch import staging
from assembler.batch.runner import ClusterError
from assembler.batch.staging import Staged
from assembler.batch.worker import Built, Settings, build, clear, store
from assembler.bundle.files import NotWritable

CONNECT_TIMEOUT = "10s"
CHUNK = 4  # clients per Dask task: a task costs the scheduler and this process a few ms, shared among them
PER_THREAD = 2  # tasks handed to the cluster per worker thread: one being built, one on its way
RECOUNT = 2.0  # seconds between counts of the cluster's threads (workers may join or leave)
LOGGERS = ("distributed", "dask", "tornado", "bokeh")


@dataclass(repr=False)
class Job:
    """One client as it travels to a worker: its input, and the outputs already on disk for resume."""

    client: ClientInput
    data: bytes | None  # the profile or RAP sheet file of a folder input; None for table rows
    kept: tuple[str, Outcome] | None  # (fingerprint, outcome) of complete outputs in its folder

    def __repr__(self) -> str:  # what Dask may print of a task's argument: never the client's data
        return f"<client {self.client.label}>"


class DaskDispatcher:
    """The runner's dispatcher on a Dask cluster (see `runner.ProcessPool` for the other one)."""

    def __init__(self, settings: Settings, target: str, jobs: int):
        if target != "local" and "://" not in target:
            raise ClusterError(f"'{target}' is not a cluster", field="--dask",
                               fix="give 'local' or a scheduler's address, e.g. tcp://HOST:8786")
        self.settings, self.target, self.jobs = settings, target, jobs
        self.token = secrets.token_hex(4)  # names this batch's plugin and tasks on a shared cluster
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self._threads, self._counted = 0, float("-inf")
        self._open: _Chunk | None = None  # clients not yet sent: a chunk filling up
        self._stopped = False  # a Ctrl-C came while a folder was written
        self.staging: Path | None = None  # where workers write packets for this process to move (staging.py)

    @property
    def name(self) -> str:
        """The cluster as the batch's first line names it."""
        return (f"a Dask LocalCluster of {self.jobs} worker process(es)" if self.target == "local"
                else f"the Dask cluster at {self.target}")

    @property
    def slots(self) -> int:
        """More than the pool's one client waiting: while a finished chunk travels back and is written, and the
        next travels out, a worker would otherwise stand idle."""
        if time.monotonic() - self._counted > RECOUNT:
            self._threads, self._counted = sum(self.client.nthreads().values()), time.monotonic()
        return PER_THREAD * CHUNK * max(1, self._threads)

    def open(self) -> None:
        quiet()
        if self.target == "local":
            dask.config.set({"distributed.worker.profile.enabled": False})  # sampling every 10 ms costs workers a few %
            # distributed's log lines, here and in the workers, are silenced: a failure reaches results.csv as the
            # client's error, and an abandoned batch would otherwise print a traceback for each transfer it cut short.
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL,
                                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            self.client = Client(self.cluster, direct_to_workers=True)  # results straight from the workers
        else:
            try:
                self.client = Client(self.target, timeout=CONNECT_TIMEOUT)
            except (OSError, ValueError, TypeError) as exc:  # TypeError: tls:// without certificates
                fix = ("give this command its certificates (README: Running on a cluster)" if isinstance(exc, TypeError)
                       else "start it (dask scheduler) and its workers, or check the address")
                raise ClusterError(f"cannot reach the Dask scheduler ({type(exc).__name__})", field="--dask",
                                   fix=fix) from None
        self.client.register_plugin(_Setup(self.token, self.settings, __version__, self.cluster is not None))
        problems = {p for p in self.client.run(_problem, self.token).values() if p}
        if problems:
            raise ClusterError("; ".join(sorted(problems)), field="--dask",
                               fix="install the same ca-relief (and forms) on every worker")
        self.staging = self._open_staging()

    def _open_staging(self) -> Path | None:
        """A staging folder when every worker can write OUTDIR as this user (staging.py); else packets travel back."""
        root = staging.open_root(self.settings.outdir, self.token)
        if all(self.client.run(staging.visible, str(root), self.token).values()):
            return root
        staging.close_root(root)
        return None

    def submit(self, client: ClientInput) -> _Handle:
        self._stop_here()
        folder = self._folder(client)
        data = _read(client.path) if client.path is not None and not client.error else None
        kept = _on_disk(folder) if self.settings.resume and folder is not None else None
        chunk = self._open = self._open or _Chunk()
        chunk.jobs.append(Job(client, data, kept))
        handle = _Handle(chunk, len(chunk.jobs) - 1)
        if len(chunk.jobs) == CHUNK:
            self._send()
        return handle

    def wait(self, handles: list[_Handle]) -> list[_Handle]:
        self._stop_here()
        chunks = {h.chunk for h in handles}
        building = sum(1 for c in chunks if c.future is not None and not c.future.done())
        if self._open in chunks and building < max(1, self._threads):  # a worker is idle: send what there is
            self._send()
        wait([c.future for c in chunks if c.future is not None], return_when="FIRST_COMPLETED")
        return [h for h in handles if h.chunk.future is not None and h.chunk.future.done()]

    def outcome(self, client: ClientInput, handle: _Handle) -> Outcome:
        """The client's outcome, its packet written: the one place a Dask batch writes into OUTDIR."""
        try:
            made = handle.chunk.results()[handle.position]
        except KilledWorker:
            return failed(client.index, client.label, "the worker processes building this packet stopped "
                          "unexpectedly, several times; fix: give the workers more memory, then run the batch again "
                          "to retry this client", client.rows)
        except Exception as exc:  # the cluster lost the task or this client's connection to it
            return failed(client.index, client.label, f"the Dask cluster did not return this packet "
                          f"({type(exc).__name__}); fix: run the batch again to retry this client", client.rows)
        folder = self._folder(client)
        with self._uninterrupted():
            if isinstance(made, Staged):
                try:
                    return staging.place(folder, made)
                except (OSError, NotWritable) as exc:
                    return failed(client.index, client.label, f"could not write the packet: {exc}", client.rows)
            if isinstance(made, Built):
                try:
                    return store(folder, made)
                except NotWritable as exc:
                    return failed(client.index, client.label, f"could not write the packet: {exc}", client.rows)
            if made.status == "error" and not made.skipped:
                clear(folder)
            return made

    @contextmanager
    def _uninterrupted(self):
        """Ctrl-C or SIGTERM while a client's folder is written (here, not in a worker that ignores them) waits
        until it is written and recorded: the next `submit` or `wait` stops the batch. No stop leaves a
        temporary file behind."""
        caught = []
        signals = (signal.SIGINT, signal.SIGTERM)
        previous = [signal.signal(number, lambda *_: caught.append(True)) for number in signals]
        try:
            yield
        finally:
            for number, handler in zip(signals, previous):
                signal.signal(number, handler)
            self._stopped = self._stopped or bool(caught)

    def _stop_here(self) -> None:
        if self._stopped:
            self._stopped = False
            raise KeyboardInterrupt

    def keep_running(self, handles: list[_Handle]) -> list[_Handle]:
        """Ctrl-C: drop the clients no worker has started; the ones being built (or done) are kept."""
        busy = {key for keys in self.client.processing().values() for key in keys}
        sent = {h.chunk for h in handles if h.chunk.future is not None}
        kept = {c for c in sent if c.future.key in busy or c.future.done()}
        self.client.cancel([c.future for c in sent - kept])
        self._open = None
        return [h for h in handles if h.chunk in kept]

    def abandon(self) -> None:
        """The second Ctrl-C: nothing of theirs is written (this process writes), so just stop the cluster."""
        self.close()

    def close(self) -> None:
        if self.client is not None:
            if self.cluster is None:  # a shared cluster: leave it as it was found
                try:
                    self.client.unregister_worker_plugin(_Setup.prefix + self.token)
                except Exception:  # the scheduler is gone: nothing to leave behind
                    pass
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
        if self.staging is not None:  # after the workers: none is writing there any more
            staging.close_root(self.staging)
            self.staging = None

    def _send(self) -> None:
        chunk, self._open = self._open, None
        first = chunk.jobs[0].client.index
        chunk.future = self.client.submit(_build_all, self.token, chunk.jobs, self.staging,
                                          key=f"relief-{self.token}-{first}")
        chunk.jobs = []  # the inputs are on their way: not kept here as well

    def _folder(self, client: ClientInput) -> Path | None:
        return self.settings.outdir / client.client_id if client.client_id else None


class _Chunk:
    """Clients that travel to a worker as one task; their results come back together."""

    def __init__(self):
        self.jobs: list[Job] = []
        self.future = None
        self._results: list | None = None

    def results(self) -> list[Built | Outcome]:
        if self._results is None:
            self._results = self.future.result()
        return self._results


@dataclass(frozen=True, eq=False)
class _Handle:
    """What the runner holds for one client: its chunk and its place there."""

    chunk: _Chunk
    position: int


def quiet() -> None:
    """distributed logs at INFO (addresses, worker names, task keys): warnings only in this process."""
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _read(path: Path) -> bytes | None:
    """A client's input file, to travel with it; None when unreadable (the worker then says why)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _on_disk(folder: Path) -> tuple[str, Outcome] | None:
    """The fingerprint and outcome of complete outputs in the folder (every file matching its record)."""
    try:
        print_ = json.loads((folder / RECORD).read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    done = finished(folder, print_)
    return (print_, done) if done is not None else None


# --- on the workers ---

_ready: dict[str, tuple[Settings, object] | str] = {}  # batch token → (settings, backend), or what went wrong


class _Setup(WorkerPlugin):
    """Every worker, and every worker that joins later: the batch's settings and a form backend, once."""

    prefix = "relief-batch-"

    def __init__(self, token: str, settings: Settings, version: str, local: bool):
        self.name = self.prefix + token
        self.token, self.settings, self.version, self.local = token, settings, version, local

    def setup(self, worker) -> None:
        if self.local and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches a LocalCluster's workers: the batch decides
        if self.version != __version__:
            _ready[self.token] = f"a worker runs ca-relief {__version__}, this batch {self.version}"
            return
        from assembler.bundle.pipeline import backend_for

        try:
            _ready[self.token] = (self.settings, backend_for(self.settings.forms, self.settings.forms_dir))
        except (ValueError, OSError) as exc:
            _ready[self.token] = f"a worker cannot use --forms {self.settings.forms}: {exc}"

    def teardown(self, worker) -> None:
        _ready.pop(self.token, None)


def _problem(token: str) -> str | None:
    ready = _ready.get(token, "a worker has not set up the batch")
    return ready if isinstance(ready, str) else None


def _build_all(token: str, jobs: list[Job], root: Path | None) -> list[Staged | Built | Outcome]:
    """The task: a chunk of clients' packets, written into the batch's staging folder `root` when this worker
    sees it, else in memory, to travel back."""
    if root is not None and not staging.visible(str(root), token):
        root = None
    return [_staged(_build(token, job), root) for job in jobs]


def _staged(made: Built | Outcome, root: Path | None) -> Staged | Built | Outcome:
    if root is None or not isinstance(made, Built):
        return made
    try:
        return staging.stage(root, made)
    except (OSError, NotWritable):  # the folder filled up or went away: the bytes travel instead
        return made


def _build(token: str, job: Job) -> Built | Outcome:
    """One client's packet, in memory. Never raises (a raised error would be logged with its traceback, and
    fail the whole chunk)."""
    client = job.client
    ready = _ready.get(token, "the worker has not set up the batch")
    if isinstance(ready, str):
        return failed(client.index, client.label, f"{ready}; fix: run the batch again", client.rows)
    settings, backend = ready
    try:
        return build(job.client, settings, backend, lambda print_: _kept(job, print_), job.data)
    except Exception as exc:
        return failed(client.index, client.label, f"internal error on a Dask worker ({type(exc).__name__}); the "
                      "other clients are not affected; please report it", client.rows)


def _kept(job: Job, print_: str) -> Outcome | None:
    return job.kept[1] if job.kept is not None and job.kept[0] == print_ else None
