"""ca-relief: California record-clearance packets from a case profile."""

__version__ = "0.1.0"
