"""``knoten dedupe``, ``knoten dedupe dismiss`` and ``knoten merge``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from knoten.cli.acting import acting_member
from knoten.cli.output import JsonOption, domain_errors, emit_json, err, note, out, stage_progress
from knoten.dedupe.matching import DEFAULT_MIN_SCORE

dedupe_app = typer.Typer(
    name="dedupe",
    help="List likely duplicate persons (and the import's review queue); dismiss a pair.",
    invoke_without_command=True,
)


def _side(person: dict[str, Any]) -> str:
    lines = [f"{person['id']}: {person['name']}"]
    if person["organisations"]:
        lines.append(", ".join(person["organisations"]))
    lines.extend(contact["value"] for contact in person["contacts"][:3])
    return "\n".join(lines)


@dedupe_app.callback()
def dedupe(
    ctx: typer.Context,
    min_score: Annotated[
        float,
        typer.Option("--min-score", metavar="S", help="Only pairs scoring at least S (0 to 1)."),
    ] = DEFAULT_MIN_SCORE,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="At most N pairs, best first.")
    ] = 50,
    as_json: JsonOption = False,
) -> None:
    """Likely duplicate pairs, best first, with their score and reasons; the pairs an
    import was not sure of are among them (marked "queued")."""
    if ctx.invoked_subcommand is not None:
        return
    from knoten.dedupe.services import candidate_as_dict, likely_duplicates

    member = acting_member()
    with domain_errors(), stage_progress(show=err.is_terminal) as progress:
        found = likely_duplicates(member, min_score=min_score, limit=limit, progress=progress)
    rows = [candidate_as_dict(candidate) for candidate in found]
    if as_json:
        emit_json({"pairs": rows})
        return
    if not rows:
        note("No likely duplicates.")
        return
    table = Table(show_lines=True)
    table.add_column("Score", justify="right")
    table.add_column("Person A")
    table.add_column("Person B")
    table.add_column("Why")
    for row in rows:
        flags = [
            word for word, on in (("certain", row["certain"]), ("queued", row["queued"])) if on
        ]
        score = f"{row['score']:.2f}" + (f"\n{', '.join(flags)}" if flags else "")
        table.add_row(score, _side(row["a"]), _side(row["b"]), "\n".join(row["reasons"]))
    out.print(table)
    note(f"Merge one into the other with: knoten merge KEEP OTHER   (showing {len(rows)})")


@dedupe_app.command("dismiss")
def dismiss(
    a: Annotated[str, typer.Argument(metavar="A", help="One person (name, id or 'me').")],
    b: Annotated[str, typer.Argument(metavar="B", help="The other person.")],
    as_json: JsonOption = False,
) -> None:
    """Record that A and B are not the same person; the pair is not proposed again.

    Example: knoten dedupe dismiss "Anna Schmidt" 4711
    """
    from knoten.dedupe.services import dismiss_pair

    member = acting_member()
    with domain_errors():
        pair = dismiss_pair(member, a, b)
    if as_json:
        emit_json({"a": pair.person_a_id, "b": pair.person_b_id, "status": pair.status})
        return
    note(f"Not the same: {pair.person_a_id} and {pair.person_b_id}; not proposed again.")


def _show_plan(plan: dict[str, Any]) -> None:
    from knoten.dedupe.services import counted

    kept, merged = plan["kept"], plan["merged"]
    out.print(f"Merge {merged['id']}: {merged['name']}  into  {kept['id']}: {kept['name']}")
    if plan["moved"]:
        moved = ", ".join(counted(what, count) for what, count in plan["moved"].items())
        out.print(f"  moves: {moved}")
    if plan["dropped"]:
        dropped = ", ".join(counted(what, count) for what, count in plan["dropped"].items())
        out.print(f"  already there (not doubled): {dropped}")
    if plan["filled"]:
        out.print(f"  fills in: {', '.join(plan['filled'])}")


def merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The person who stays.")],
    other: Annotated[
        str, typer.Argument(metavar="OTHER", help="The person merged into KEEP and removed.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Merge without asking.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Merge OTHER into KEEP, keeping every fact; shows what will move and asks first.

    Example: knoten merge "Anna Schmidt" 4711 --yes
    """
    from knoten.dedupe.services import merge_persons

    member = acting_member()
    with domain_errors():
        plan = merge_persons(member, keep, other, dry_run=True)
    if not yes:
        if as_json:
            note("Error: --json needs --yes (a merge is not asked for in JSON mode)")
            raise typer.Exit(2)
        _show_plan(plan)
        if not typer.confirm("Merge?", default=False, err=True):
            note("Nothing merged.")
            raise typer.Exit(1)
    with domain_errors():
        result = merge_persons(member, keep, other)
    if as_json:
        emit_json(result)
        return
    if yes:
        _show_plan(result)
    note(f"Merged into {result['kept']['id']}: {result['kept']['name']}.")


def register(app: typer.Typer) -> None:
    """Mount this app's commands on the ``knoten`` command line."""
    app.add_typer(dedupe_app)
    app.command("merge")(merge)
