"""Expected dates of stages run one after another: a late or revised stage moves every later one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Step:
    """What the schedule needs of a stage: its duration and, once known, its real or revised end."""

    days: int
    completed_on: date | None = None
    revised_end: date | None = None


@dataclass(frozen=True)
class Dates:
    start: date
    end: date
    planned_start: date
    planned_end: date

    @property
    def shift_days(self) -> int:
        """How many days later than first planned this stage is now expected to end."""
        return (self.end - self.planned_end).days


def schedule(start: date, steps: list[Step], today: date | None = None) -> list[Dates]:
    """Each stage starts when its predecessor ends; an unfinished stage past its end is expected
    to end no earlier than today, and that delay carries to the stages after it."""
    out: list[Dates] = []
    cursor = planned = start
    for step in steps:
        planned_end = planned + timedelta(days=step.days)
        if step.completed_on is not None:
            end = step.completed_on
        else:
            end = step.revised_end or cursor + timedelta(days=step.days)
            if today is not None and end < today:
                end = today
        out.append(Dates(start=cursor, end=max(end, cursor), planned_start=planned, planned_end=planned_end))
        cursor, planned = max(end, cursor), planned_end
    return out
