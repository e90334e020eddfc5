"""The README's command-line examples, read from README.md itself.

Two kinds: the lines of the fenced ``sh`` blocks, which a reader copies and runs in order
(``fenced``), and the commands quoted inline in the prose, often as a synopsis with
placeholders (``knoten draft PERSON [--occasion thanks|birthday|…]``; ``inline``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"

_FENCE = re.compile(r"^```(\w*)\s*$")
_INLINE = re.compile(r"`((?:[A-Z][A-Z0-9_]*=\S+ )*knoten [^`]+)`")
_ENV = re.compile(r"^[A-Z][A-Z0-9_]*=")


@dataclass(frozen=True)
class Example:
    """One command as the README writes it."""

    line: int
    text: str
    words: tuple[str, ...]  # after "knoten"; empty for a command that is not knoten's
    env: dict[str, str] = field(default_factory=dict)
    program: str = "knoten"

    def __str__(self) -> str:
        return f"README.md:{self.line}: {self.text}"


def _example(line: int, text: str) -> Example:
    words = shlex.split(text, comments=True)
    env: dict[str, str] = {}
    while words and _ENV.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    program = words[0] if words else ""
    return Example(line, text.strip(), tuple(words[1:]), env, program)


def fenced(text: str | None = None) -> list[Example]:
    """Every command line of the README's ``sh`` blocks, continuations joined."""
    lines = (text if text is not None else README.read_text()).splitlines()
    examples: list[Example] = []
    language: str | None = None
    pending = ""
    start = 0
    for number, line in enumerate(lines, start=1):
        fence = _FENCE.match(line)
        if fence:
            language = None if language is not None else fence.group(1)
            continue
        if language != "sh" or not (line.strip() or pending):
            continue
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        examples.append(_example(start, pending + line))
        pending = ""
    return examples


def inline(text: str | None = None) -> list[Example]:
    """Every ``knoten …`` quoted inline, outside the fenced blocks; a quote may wrap."""
    source = text if text is not None else README.read_text()
    outside: list[str] = []
    in_block = False
    for line in source.splitlines():
        if _FENCE.match(line):
            in_block = not in_block
            outside.append("")
            continue
        outside.append("" if in_block else line)
    joined = "\n".join(outside)
    examples = []
    for match in _INLINE.finditer(joined):
        line = joined.count("\n", 0, match.start()) + 1
        examples.append(_example(line, " ".join(match.group(1).split())))
    return examples


_PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]*$")


def is_synopsis(example: Example) -> bool:
    """Whether the example stands for many commands (placeholders, choices, options)."""
    return any(
        _PLACEHOLDER.match(word) or word.startswith("[") or "|" in word or "…" in word
        for word in example.words
    )


def options_and_path(words: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The option names (``--circle``, ``-o``) and the plain words of a command, with the
    synopsis brackets and choices taken apart (``[--occasion`` → ``--occasion``)."""
    options: list[str] = []
    plain: list[str] = []
    for word in words:
        for part in word.strip("[]").split("|"):
            if part.startswith("-") and len(part) > 1 and not part[1].isdigit():
                options.append(part.split("=", 1)[0])
        if not word.startswith(("-", "[")):
            plain.append(word)
    return options, plain
