"""``knoten whoknows``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from knoten.cli.output import JsonOption, domain_errors, print_listing


def whoknows(
    topic: Annotated[str, typer.Argument(help="What to ask about: a word or a few.")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many people.")] = 20,
    json_output: JsonOption = False,
) -> None:
    """Who knows about TOPIC: people ranked by the evidence, each quoted and dated.

    Skills, positions, projects, organisations, conversations and notes count, a direct
    and recent one most; people you know come first, then the people they know (with
    who could introduce you). Umlauts and word endings do not matter in German or
    English. Example: knoten whoknows Photovoltaik
    """
    from knoten.expertise.topics import who_knows
    from knoten.people.networks import local_member

    with domain_errors():
        member = local_member()
        experts = who_knows(member, topic, limit=limit)
    rows = [expert.as_dict() for expert in experts]
    print_listing(
        rows,
        json_output=json_output,
        empty=f"Nobody is known to know about {topic!r}.",
        table=_table,
    )


def _table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("name")
    table.add_column("how you reach them", style="dim")
    table.add_column("evidence")
    for row in rows:
        evidence = [piece["text"] for piece in row["evidence"]]
        if row["more_evidence"]:
            evidence.append(f"… and {row['more_evidence']} more")
        reach = row["degree_label"]
        if row["introducers"]:
            reach = "\n".join(f"via {p['name']} ({p['how']})" for p in row["introducers"])
        table.add_row(str(row["person_id"]), row["name"], reach, "\n".join(evidence))
    return table


def register(app: typer.Typer) -> None:
    app.command()(whoknows)
