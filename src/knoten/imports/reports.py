"""What an import did, or would do: a report with what became of each record, and the
refusal of a file with records that cannot be read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from knoten.core.errors import InvalidInput
from knoten.people.records import RecordError

Progress = Callable[[int, int], None]  # (records done, records in all)


class ImportRefused(InvalidInput):
    """A file with records that cannot be read: nothing was written. Each error names
    the file, the line and what is wrong."""

    def __init__(self, errors: Sequence[RecordError]) -> None:
        self.errors = list(errors)
        shown = "; ".join(f"line {error.line}: {error.problem}" for error in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(
            "file",
            self.errors[0].source if self.errors else "",
            f"was not imported, nothing was written: {shown}{more}. Fix the file, or "
            "import the readable records with --skip-invalid",
        )


@dataclass
class Outcome:
    """What became of one record."""

    line: int
    name: str
    action: str  # created, merged, unchanged, review, skipped
    person_id: int | None = None
    matched: str = ""  # the existing person's name, for merged and review
    reasons: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # what a merge added
    problem: str = ""  # why it was skipped


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    source: str
    format: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "read": len(self.outcomes),
            "created": self.count("created"),
            "merged": self.count("merged"),
            "unchanged": self.count("unchanged"),
            "to_review": self.count("review"),
            "skipped": self.count("skipped"),
            "warnings": self.warnings,
            "records": [asdict(outcome) for outcome in self.outcomes],
        }
