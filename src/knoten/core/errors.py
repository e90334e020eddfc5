"""The errors that domain functions raise; every interface turns them into its own shape.

The command line maps :class:`InvalidInput` and :class:`Ambiguous` to exit status 2 and
:class:`NotFound` to 1; the API (a later issue) maps them to 400 and 404.
"""

from __future__ import annotations

from collections.abc import Sequence


class KnotenError(Exception):
    """Something the user asked for cannot be done; the message says why in one sentence."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(KnotenError):
    """A value given for a field cannot be used."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        shown = f"{value!r}" if isinstance(value, str) else str(value)
        super().__init__(f"{field}: {shown} {reason}")
        self.field = field
        self.value = value
        self.reason = reason


class NotFound(KnotenError):
    """No object matches what was asked for (in the caller's network)."""

    exit_code = 1

    def __init__(self, what: str, query: object) -> None:
        super().__init__(f"no {what} matches {query!r}")
        self.what = what
        self.query = query


class Ambiguous(KnotenError):
    """A name matches more than one object; the candidates are listed."""

    def __init__(self, what: str, query: str, candidates: Sequence[str]) -> None:
        listed = "; ".join(candidates)
        # The summary is what a terminal prints before one candidate per line; the
        # message (for the API and logs) carries the candidates inline.
        self.summary = f"{what} {query!r} is ambiguous, it matches {len(candidates)}"
        super().__init__(f"{self.summary}: {listed}")
        self.what = what
        self.query = query
        self.candidates = list(candidates)
