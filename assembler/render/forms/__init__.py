"""The two form backends — `official` (the Judicial Council's PDF, filled) and `rendition` (our own
drawing of the same form) — and `fitting`, the text measurement both draw with."""
