"""Where the official blank forms come from: their published address and pinned sha256.

The pins are of the files as courts.ca.gov publishes them. CR-180 and CR-181 are published
owner-encrypted (AES-256, empty user password); MC-025 and MC-031 RC4-encrypted (empty user
password). `relief forms fetch` refuses a download whose sha256 is not pinned here: a changed file
means a new revision or a changed upload, and a person should look before the tool fills it.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE_URL = "https://www.courts.ca.gov/documents/"


@dataclass(frozen=True)
class Source:
    form_id: str
    file_name: str  # the name on courts.ca.gov, e.g. "cr180.pdf"
    sha256: str

    def url(self, base_url: str = BASE_URL) -> str:
        return base_url.rstrip("/") + "/" + self.file_name


SOURCES: dict[str, Source] = {
    "CR-180": Source("CR-180", "cr180.pdf", "06c1b64315ebd5c7f8260d7169abc2392d6373a202dc39f4788cb8a8c98bbdbe"),
    "CR-181": Source("CR-181", "cr181.pdf", "f737503a89465d40206b11b1123e815e44a249d324bad16d313c337a695ce504"),
    "MC-025": Source("MC-025", "mc025.pdf", "b0ca1509f2c3de152518079de7c1eb2771eaa1eb7da457c2e918498894f6f0af"),
    "MC-031": Source("MC-031", "mc031.pdf", "defc9108f6baa4c2ca444c1571d737d841af78289bef337f874f51e595191075"),
}


def where_to_get(form_id: str) -> str:
    return f"{SOURCES[form_id].url()} (or run `relief forms fetch`)"
