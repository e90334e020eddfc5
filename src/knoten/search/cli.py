"""``knoten search``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.output import JsonOption, domain_errors, note, print_listing

_KIND_LABELS = {"person": "person", "organisation": "org", "interaction": "minutes"}


def search(
    query: Annotated[str, typer.Argument(help="Words to look for; the last may be unfinished.")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many hits.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many hits first.")] = 0,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="Only person, organisation or interaction; repeatable."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Search names, organisations, titles, functions, skills, notes and minutes.

    Umlauts and accents do not matter (Müller = Mueller = Muller), and the last word may
    be the start of a word. Example: knoten search "Jürgen Mül"
    """
    from knoten.people.networks import local_member
    from knoten.search.query import search as run_search

    with domain_errors():
        member = local_member()
        hits = run_search(member, query, limit=limit, offset=offset, kinds=kind)
    if not hits and not json_output:
        from knoten.search.suggest import suggest_names

        close = suggest_names(member, query)
        offer = ", ".join(f"{s.name} (id {s.person_id})" for s in close)
        note(f"Nothing matches {query!r}." + (f" Did you mean: {offer}?" if offer else ""))
        return
    rows = [hit.as_dict() for hit in hits]
    # No hits were answered above, with the names meant perhaps.
    print_listing(rows, json_output=json_output, empty="", table=_hit_table)


def _hit_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("name")
    table.add_column("", style="dim")
    table.add_column("what matched")
    table.add_column("snippet")
    for row in rows:
        name = Text(row["title"])
        if row["archived"]:
            name.append(" [archived]", style="dim")
        table.add_row(
            str(row["id"]),
            name,
            _KIND_LABELS.get(row["kind"], row["kind"]),
            "\n".join(match["field"] for match in row["matched"]),
            "\n".join(match["snippet"] for match in row["matched"]),
        )
    return table


def register(app: typer.Typer) -> None:
    app.command()(search)
