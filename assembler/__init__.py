"""ca-relief: California record-clearance packets from a case profile."""

import rules  # noqa: F401  (before any model is defined: it keeps pydantic plugins away from the records)

__version__ = "0.1.0"
