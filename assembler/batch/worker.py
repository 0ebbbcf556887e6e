"""One client in a worker process: validate, compare with what is on disk, assemble, write.

Each worker builds its form backend once (`start`, the pool's initializer) and ignores Ctrl-C: the
parent decides whether work in flight is finished or abandoned. Files are written by
`pipeline.write_packet` (each atomically, mode 0600), then the record that vouches for them
(`fingerprint.RECORD`) last, so a folder killed mid-write is never taken as complete. A client that
fails loses any packet an earlier run left for it: an outdated packet must not look current.

`handle` is `build` (nothing written) then `store`; `relief batch --dask` (cluster.py) runs `build` on a
cluster's worker and `store` in the batch's own process.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from assembler.batch.fingerprint import RECORD, finished, fingerprint, hashes_of, recorded_names, write_record
from assembler.batch.grouping import locate
from assembler.batch.inputs import SHEET_SUFFIXES, ClientInput
from assembler.batch.outcome import Outcome, failed, from_assessment
from assembler.errors import ReliefError
from assembler.profile.load import ProfileError, data_of, parse_profile, read_data
from assembler.profile.model import Profile

if TYPE_CHECKING:
    from assembler.bundle.pipeline import Packet


@dataclass(frozen=True)
class Settings:
    outdir: Path
    as_of: date
    forms: str = "rendition"
    forms_dir: Path | None = None
    lang: str | None = None
    resume: bool = True


_settings: Settings | None = None
_backend = None


def _die_with_parent() -> None:
    """A worker whose batch was killed (SIGKILL leaves it no time to stop its pool) dies too, instead of
    living on forever: Linux's PR_SET_PDEATHSIG. Elsewhere workers end when their queue closes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: nothing would signal us
        os._exit(1)


PR_SET_PDEATHSIG = 1


def settle_child() -> None:
    """A batch's worker process: ignore Ctrl-C (the parent handles it), keep library log lines (which may quote
    a client's text) off the terminal, and die with the parent."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's stop-cleanly handler
    logging.getLogger().addHandler(logging.NullHandler())


def start(settings: Settings) -> None:
    """Pool initializer: a settled child that builds the backend once."""
    global _settings, _backend
    settle_child()
    from assembler.bundle.pipeline import backend_for

    _settings = settings
    _backend = backend_for(settings.forms, settings.forms_dir)


def run(client: ClientInput) -> Outcome:
    """The task each worker process runs."""
    return handle(client, _settings, _backend)


def handle(client: ClientInput, settings: Settings, backend) -> Outcome:
    folder = settings.outdir / client.client_id if client.client_id else None
    made = build(client, settings, backend, lambda print_: finished(folder, print_))
    if isinstance(made, Built):
        return store(folder, made)
    if made.status == "error":
        clear(folder)
    return made


@dataclass
class Built:
    """A client's packet, made in memory and not yet written (`store` writes it)."""

    outcome: Outcome
    fingerprint: str
    packet: Packet


def build(client: ClientInput, settings: Settings, backend, kept: Callable[[str], Outcome | None],
          raw: bytes | None = None) -> Built | Outcome:
    """Validate, ask `kept` whether complete outputs of this fingerprint are already on disk (resume), assemble;
    nothing is written. An Outcome when there is nothing to write: an error (whose folder the caller
    clears) or a client kept as it is. `raw`: the client's input file's bytes, when they travelled here
    (a cluster worker) instead of the file."""
    from assembler.bundle.pipeline import assemble

    if client.error:
        return failed(client.index, client.label, client.error, client.rows)
    try:
        profile, sheet_questions = _profile(client, settings.as_of, raw)
    except ProfileError as exc:
        problems = [locate(p, client.grouped) if client.grouped else p for p in exc.problems]
        return failed(client.index, client.label, "; ".join(problems), client.rows)
    except ReliefError as exc:  # a file in the folder that is not a readable RAP sheet
        return failed(client.index, client.label, str(exc), client.rows)
    print_ = fingerprint(profile, settings.as_of, settings.forms, settings.lang, getattr(backend, "identity", None))
    if settings.resume and (done := kept(print_)) is not None:
        done.index, done.label, done.rows, done.skipped = client.index, client.label, client.rows, True
        return done
    try:
        packet = assemble(profile, settings.as_of, forms=settings.forms, backend=backend, lang=settings.lang)
    except ReliefError as exc:  # a refusal that names its fix, or a form not on this machine
        return failed(client.index, client.label, f"the packet could not be built: {exc}", client.rows)
    except Exception as exc:  # one client's bug must not stop the other clients' packets
        return failed(client.index, client.label, f"internal error ({type(exc).__name__}: {exc}); the other "
                                                  "clients are not affected; please report it", client.rows)
    outcome = from_assessment(client.index, client.label, profile, packet.assessment, list(packet.files), client.rows)
    if sheet_questions:  # the RAP sheet does not say these: answered, they may change the decisions
        outcome.review += [f"RAP sheet: {q}" for q in sheet_questions]
        outcome.status = "needs_review"
    return Built(outcome, print_, packet)


def store(folder: Path, built: Built) -> Outcome:
    """Write a built packet into its client folder: the files (each atomically), then the record that vouches
    for them; files an earlier build left there that this one does not have are removed."""
    from assembler.bundle.pipeline import write_packet

    # durable=False: the record's hashes catch damage; the runner syncs at the end
    return fill(folder, lambda: write_packet(built.packet, folder, durable=False, owned=True), built.fingerprint,
                hashes_of(built.packet.files), built.outcome)


def fill(folder: Path, put: Callable[[], object], print_: str, hashes: dict[str, str], outcome: Outcome) -> Outcome:
    """The one way a client folder changes: a killed write's leftovers cleared, the new files put in (`put`),
    the files of an earlier build that this one does not have removed, then the record that vouches for them."""
    clear_leftovers(folder)
    earlier = recorded_names(folder)
    put()
    for name in set(earlier) - set(hashes):
        (folder / name).unlink(missing_ok=True)
    write_record(folder, print_, hashes, outcome, durable=False)
    return outcome


def _profile(client: ClientInput, as_of: date, raw: bytes | None = None) -> tuple[Profile, list[str]]:
    """The client's profile, and what a RAP sheet it was read from leaves open (empty for a profile). `raw`:
    the input file's bytes, read here from `client.path` when not given."""
    if client.grouped is not None:
        return parse_profile(client.grouped.data, as_of, source=client.label), []
    if client.path.suffix.lower() in SHEET_SUFFIXES:
        from assembler.rapsheet import import_text
        from assembler.rapsheet.files import read_text, text_of

        text = text_of(raw, client.path) if raw is not None else read_text(client.path)
        imported = import_text(text, client.path.name, today=as_of)
        return parse_profile(imported.profile, as_of, source=client.path.name), imported.questions
    data = data_of(raw, client.path) if raw is not None else read_data(client.path)
    return parse_profile(data, as_of, source=client.path.name), []


def clear(folder: Path | None) -> None:
    """A failed client loses what an earlier run left in its folder: an outdated packet must not look current."""
    if folder is not None and folder.is_dir():
        names = recorded_names(folder)
        (folder / RECORD).unlink(missing_ok=True)  # first: nothing vouches for what is left
        for name in names:
            (folder / name).unlink(missing_ok=True)
        clear_leftovers(folder)
        if not any(folder.iterdir()):
            folder.rmdir()


def clear_leftovers(folder: Path) -> None:
    """Temporary files of a write that was killed (`files.write_private` names them `.NAME.*.tmp`)."""
    if folder.is_dir():
        for leftover in folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
