"""The progress bar of a batch (rich, on stderr): clients done / total, clients per second, time left.

Only client ids ever reach the terminal: a client that fails is named by its id (or its row number)
with a pointer to results.csv, where the message is.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from assembler.batch.outcome import Outcome


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = task.completed / elapsed if elapsed and task.completed else None
        return Text(f"{rate:5.1f} clients/s" if rate else "    – clients/s", style="progress.data.speed")


class BatchProgress:
    def __init__(self, total: int, console: Console):
        self.console = console
        self._bar = Progress(TextColumn("[bold]clients"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                             TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=console,
                             transient=False)
        self._task = self._bar.add_task("clients", total=total)

    def __enter__(self) -> "BatchProgress":
        self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.stop()

    def done(self, outcome: Outcome) -> None:
        if outcome.status == "error":
            self.say(f"{outcome.label}: error (the message is in results.csv)")
        self._bar.advance(self._task)

    def say(self, text: str) -> None:
        self._bar.console.print(text, markup=False, highlight=False)
