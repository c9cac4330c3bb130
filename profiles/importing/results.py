"""What happened to one story, for the command's report, and what its import wrote, for history."""

from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)


@dataclass
class ImportResult:
    source: str
    outcome: str
    message: str = ""
    left_alone: list = field(default_factory=list)


@dataclass
class Written:
    """The records an import created and changed: those get a history entry, no other."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
