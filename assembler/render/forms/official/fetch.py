"""`relief forms fetch`: download the current official forms and keep only files that match a pin.

This is the only network access the tool ever makes, and only when asked. Each file is downloaded
into memory, its sha256 compared with the pin in `sources.py`, its printed revision and fields
recognised (`fingerprint`), and only then written (atomically) into the forms folder. A mismatch
writes nothing and says what to do.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from assembler.errors import ReliefError
from assembler.render.forms.official.prepared import prepare
from assembler.render.forms.official.sources import BASE_URL, SOURCES, Source

MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "ca-relief (record-clearance forms; https://www.courts.ca.gov)"


class FetchError(ReliefError, RuntimeError):
    pass


@dataclass(frozen=True)
class Fetched:
    form_id: str
    path: Path
    sha256: str
    revision: str
    url: str


def fetch_all(dest: Path, *, base_url: str = BASE_URL, sources: dict[str, Source] | None = None,
              timeout: float = 30.0) -> list[Fetched]:
    return [fetch_one(source, dest, base_url=base_url, timeout=timeout)
            for source in (sources or SOURCES).values()]


def fetch_one(source: Source, dest: Path, *, base_url: str = BASE_URL, timeout: float = 30.0) -> Fetched:
    url = source.url(base_url)
    data = _download(url, timeout)
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise FetchError(
            f"{source.form_id}: {url} has sha256 {digest}, not the pinned {source.sha256}; nothing was "
            f"written. The Judicial Council may have published a new revision (or the download was "
            f"altered). Fix: check the form's page on courts.ca.gov; a new revision needs a new "
            f"field map and pin in this tool before it can be filled.")
    dest.mkdir(parents=True, exist_ok=True)
    final = dest / f"{source.form_id}.pdf"
    fd, tmp = tempfile.mkstemp(prefix=f".{source.form_id}.", suffix=".pdf", dir=dest)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        revision = prepare(source.form_id, Path(tmp)).revision.revision  # refuses what it cannot fill
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Fetched(source.form_id, final, digest, revision, url)


def _download(url: str, timeout: float) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"{url}: only http(s) addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            data = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FetchError(f"{url}: download failed ({exc}); fix: check the connection and try again, or "
                         "download the form by hand and use --forms-dir") from exc
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url}: larger than {MAX_BYTES} bytes; this is not a court form")
    return data
