"""What happened to one story, for the command's report."""

from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)


@dataclass
class ImportResult:
    source: str
    outcome: str
    message: str = ""
    left_alone: list = field(default_factory=list)
