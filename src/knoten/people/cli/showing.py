"""How the people commands print a page: headings, lines, partial dates, what was understood."""

from __future__ import annotations

from rich.text import Text

from knoten.cli.output import note, out


def explain(lines: list[str]) -> None:
    for line in lines:
        note(f"  {line}")


def print_heading(title: str) -> None:
    out.print()
    out.print(Text(title, style="bold"))


def print_line(*parts: str | None) -> None:
    out.print(Text("  " + "  ".join(part for part in parts if part)))


def display(iso: str | None) -> str:
    from knoten.core.partial_dates import PartialDate

    return PartialDate.parse_iso(iso).display() if iso else ""


def span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{display(start)} – {display(end)}"
    if start:
        return f"since {display(start)}"
    if end:
        return f"until {display(end)}"
    return ""


def since_text(since: str | None) -> str:
    return f"since {display(since)}" if since else ""
