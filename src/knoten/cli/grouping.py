"""Option groups: options several commands take, declared once and handed to each command
as one value."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any

Command = Callable[..., None]
# An option of a group: its parameter name, its annotation (the type with its
# ``typer.Option``) and its default.
GroupOption = tuple[str, Any, Any]


def option_group(
    options: Sequence[GroupOption],
    make: Callable[..., Any],
    *,
    into: str,
    before: str = "json_output",
) -> Callable[[Command], Command]:
    """A decorator that gives a command ``options``, in help just before its parameter
    ``before``, and hands the command what they say as one argument ``into``: what
    ``make`` returns, called with the options by name."""

    def decorate(command: Command) -> Command:
        own = [
            parameter
            for parameter in inspect.signature(command, eval_str=True).parameters.values()
            if parameter.name != into
        ]
        at = next(i for i, parameter in enumerate(own) if parameter.name == before)
        added = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
            )
            for name, annotation, default in options
        ]
        parameters = [
            parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for parameter in (*own[:at], *added, *own[at:])
        ]

        @functools.wraps(command)
        def with_group(**given: Any) -> None:
            grouped = {name: given.pop(name) for name, _, _ in options}
            command(**given, **{into: make(**grouped)})

        # Typer reads the command's parameters from these.
        with_group.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        with_group.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
        return with_group

    return decorate
