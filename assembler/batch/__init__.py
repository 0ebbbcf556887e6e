"""`relief batch`: many clients in, one packet folder per client, results and a summary out.

- `columns` — the CSV/XLSX columns (one row per count), documented in COLUMNS.md and `--template`.
- `tables` — reading a CSV or an .xlsx into rows, refusing a bad header before any work starts.
- `grouping` — rows of one client into profile data, remembering which row and column gave each field.
- `inputs` — the clients of a batch (a folder of profiles or a table), streamed so memory stays flat.
- `worker` — one client in a worker process: validate, fingerprint, assemble, write atomically.
- `fingerprint` — what `--resume` compares: the normalized input, as-of date, forms and tool version.
- `outcome` — what a client's assessment means for the attorney (status, remedies, dates, reasons).
- `results`, `summary` — `results.csv`, `summary.csv` and `summary.html`.
- `progress`, `runner` — the process pool, the progress bar, a clean stop on Ctrl-C.
"""
