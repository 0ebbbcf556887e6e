"""The 58 California counties and a forgiving lookup for what people type.

Apart from the county profiles (counties.py) so that the profile model, which every command loads,
does not build those models too.
"""

from __future__ import annotations

COUNTIES: tuple[str, ...] = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa",
    "Del Norte", "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern",
    "Kings", "Lake", "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino",
    "Merced", "Modoc", "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas",
    "Riverside", "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco",
    "San Joaquin", "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara",
    "Santa Cruz", "Shasta", "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus",
    "Sutter", "Tehama", "Trinity", "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
)

_BY_KEY = {name.lower(): name for name in COUNTIES}


def canonical_county(text: str) -> str | None:
    """'los angeles county' -> 'Los Angeles'; None when it is not a California county."""
    key = " ".join(text.strip().lower().split())
    for suffix in (" county", " co.", " co"):
        if key.endswith(suffix):
            key = key[: -len(suffix)].strip()
    return _BY_KEY.get(key)


def suggest_county(text: str) -> str | None:
    """The closest county name to a misspelling, for the error message."""
    import difflib  # only for an error message

    match = difflib.get_close_matches(text.strip().lower(), list(_BY_KEY), n=1, cutoff=0.6)
    return _BY_KEY[match[0]] if match else None
