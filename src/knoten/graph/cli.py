"""``knoten path``: the best ways to be introduced to a person or an organisation."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from knoten.cli.output import JsonOption, domain_errors, emit_json


def path(
    target: Annotated[
        str, typer.Argument(help="A person (name or id), or an organisation ('org:ACME').")
    ],
    via: Annotated[
        str | None, typer.Option("--via", metavar="PERSON", help="Only ways through them.")
    ] = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option("--avoid", metavar="PERSON", help="Never through them; repeatable."),
    ] = None,
    max_hops: Annotated[int, typer.Option("--max-hops", help="At most this many hops (1–6).")] = 4,
    count: Annotated[int, typer.Option("--count", help="This many ways (1–10).")] = 3,
    json_output: JsonOption = False,
) -> None:
    """The best ways from you to TARGET, each hop explained; archived persons and those
    marked "do not ask" are never asked.

    Example: knoten path "Dr. Weber" --avoid "Bernd Kurz" --max-hops 3
    """
    from knoten.cli.acting import acting_member
    from knoten.graph.paths import best_paths

    with domain_errors():
        found = best_paths(
            acting_member(), target, via=via, avoid=avoid or (), max_hops=max_hops, count=count
        )
    if json_output:
        emit_json(found.as_dict())
        return
    console = Console(highlight=False)
    console.print(escape(f"Ways to {found.target_name} ({found.kind}), best first:"))
    for number, way in enumerate(found.paths, start=1):
        console.print(f"\n{number}. {escape(way.words)}  [dim](score {way.score:.3f})[/dim]")
        for hop in way.hops:
            console.print(escape(f"   {hop.from_name} → {hop.to_name}: {hop.tie.words}"))


def register(app: typer.Typer) -> None:
    app.command()(path)
