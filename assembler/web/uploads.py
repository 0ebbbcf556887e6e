"""A multipart form read entirely in memory.

Starlette spools an uploaded file over 1 MB to a temporary file on disk; a RAP sheet must never touch the
disk, so its route reads the (size-capped) body and parses it here, with the standard library's MIME
parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qsl


@dataclass
class Part:
    value: bytes
    filename: str | None  # None for an ordinary field


def parse_form(body: bytes, content_type: str) -> dict[str, Part]:
    """{field name: Part}; an unreadable body gives {} (the page then asks again)."""
    if content_type.lower().startswith("application/x-www-form-urlencoded"):
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return {name: Part(value.encode("utf-8"), None) for name, value in reversed(pairs)}
    if not content_type.lower().startswith("multipart/form-data"):
        return {}
    head = f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return {}
    parts: dict[str, Part] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name or name in parts:
            continue
        payload = part.get_payload(decode=True) or b""
        parts[name] = Part(payload, part.get_filename())
    return parts


def field(parts: dict[str, Part], name: str) -> str:
    part = parts.get(name)
    return part.value.decode("utf-8", "replace") if part else ""
