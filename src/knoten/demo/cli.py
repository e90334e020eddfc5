"""``knoten demo``: fill the network with a realistic synthetic one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from knoten.cli.output import JsonOption, domain_errors, emit_json, fail, note, out, stage_progress
from knoten.core.errors import KnotenError

if TYPE_CHECKING:
    from knoten.demo.plan import Progress


def demo(
    size: Annotated[
        int, typer.Option("--size", help="How many persons to add (besides you).", min=1)
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same network.")] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Add the demo even if the network holds persons.")
    ] = False,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="Do not show the progress bar.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Fill your network with a realistic synthetic one, to try Knoten out.

    German and international names, companies, associations and clubs, careers,
    relationships, families, events, projects, years of conversation minutes and
    promises. The same --seed gives the same network. Use a fresh data folder
    (KNOTEN_DATA_DIR) so the demo does not mix with your real contacts.

    Example: KNOTEN_DATA_DIR=/tmp/knoten-demo knoten demo --size 1000
    """
    from knoten.demo.generate import generate_network
    from knoten.people.models import Person
    from knoten.people.networks import local_member

    with domain_errors():
        member = local_member()
    # Persons other than the members' own (*me*) mean the network is already in use.
    existing = Person.objects.filter(network_id=member.network_id, member__isnull=True).count()
    if existing and not force:
        fail(
            KnotenError(
                f"the network {member.network.name!r} already holds {existing:,} "
                f"person{'s' if existing != 1 else ''} besides you; use a fresh "
                "KNOTEN_DATA_DIR or --force to add the demo anyway"
            )
        )
    started = time.perf_counter()
    with domain_errors():
        if no_progress:
            counts = generate_network(member, size=size, seed=seed)
        else:
            with progress_bar() as progress:
                counts = generate_network(member, size=size, seed=seed, progress=progress)
    seconds = round(time.perf_counter() - started, 1)
    if json_output:
        emit_json(
            {
                "network": member.network.name,
                "size": size,
                "seed": seed,
                "seconds": seconds,
                "counts": counts,
            }
        )
        return
    note(f"Added a demo network of {size:,} persons (seed {seed}) in {seconds:.1f} s.")
    width = max(len(key) for key in counts)
    for key, value in counts.items():
        out.print(f"{key.replace('_', ' '):<{width}}  {value:>9,}")


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A Rich progress bar on stderr with one line per stage of the generator."""
    with stage_progress(transient=False, width=26) as progress:
        assert progress is not None
        yield progress


def register(app: typer.Typer) -> None:
    app.command()(demo)
