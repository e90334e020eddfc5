"""A CSV file's plan: the role of each column, from the file's format and header row,
and from the user's mapping where there is one."""

from __future__ import annotations

from collections.abc import Callable

from knoten.core.errors import InvalidInput
from knoten.imports.csv.google import google_plan
from knoten.imports.csv.linkedin import linkedin_plan
from knoten.imports.csv.mapping import MAPPED_ROLES
from knoten.imports.csv.outlook import outlook_plan
from knoten.imports.csv.roles import EXTRA, IGNORE, Step
from knoten.imports.csv.xing import xing_plan

_PLANS: dict[str, Callable[[list[str]], list[Step]]] = {
    "google": google_plan,
    "outlook": outlook_plan,
    "linkedin": linkedin_plan,
    "xing": xing_plan,
    "mapped": lambda header: [Step(i, EXTRA, name) for i, name in enumerate(header)],
}


def column_plan(
    format: str, header: list[str], mapping: dict[str, str] | None, source: str
) -> list[Step]:
    """The steps of reading a row: each column's role, from its header in a file of
    ``format`` and from ``mapping`` (which overrides it), without the ignored columns.
    A mapped column the file does not have is :class:`InvalidInput`."""
    steps = {step.index: step for step in _PLANS[format](header)}
    if mapping:
        exact = {name: index for index, name in reversed(list(enumerate(header)))}
        loose = {name.casefold(): index for index, name in reversed(list(enumerate(header)))}
        for column, target in mapping.items():
            index = exact.get(column, loose.get(column.strip().casefold(), -1))
            if index < 0:
                shown = ", ".join(name for name in header if name)
                raise InvalidInput(
                    "map", column, f"is not a column of {source}; its columns are: {shown}"
                )
            role, arg = MAPPED_ROLES[target]
            steps[index] = Step(index, role, header[index], arg)
    return [
        step if step.header else Step(step.index, EXTRA, f"column {step.index + 1}")
        for _, step in sorted(steps.items())
        if step.role != IGNORE
    ]
