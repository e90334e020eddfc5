"""``knoten search``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out

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
    if json_output:
        emit_json([hit.as_dict() for hit in hits])
        return
    if not hits:
        from knoten.search.suggest import suggest_names

        close = suggest_names(member, query)
        offer = ", ".join(f"{s.name} (id {s.person_id})" for s in close)
        note(f"Nothing matches {query!r}." + (f" Did you mean: {offer}?" if offer else ""))
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("name")
    table.add_column("", style="dim")
    table.add_column("what matched")
    table.add_column("snippet")
    for hit in hits:
        name = Text(hit.title)
        if hit.archived:
            name.append(" [archived]", style="dim")
        fields = [field for field, _ in hit.matched]
        snippets = [text for _, text in hit.matched]
        table.add_row(
            str(hit.id),
            name,
            _KIND_LABELS.get(hit.kind, hit.kind),
            "\n".join(fields),
            "\n".join(snippets),
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(search)
