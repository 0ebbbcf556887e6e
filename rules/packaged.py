"""Reading the project's own YAML data (catalogues, offense table, form maps): trusted and large, so read
with libyaml's C loader where PyYAML has it (several times faster at start-up), the same safe loader
otherwise. A person's profile is never read here (assembler/profile/reading.py is strict)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
