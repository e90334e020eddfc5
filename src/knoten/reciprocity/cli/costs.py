"""``knoten cost …``: what a channel (event, organisation, circle) cost beyond its events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt, YesOpt, confirm_delete
from knoten.cli.output import JsonOption, announce, domain_errors, note, print_listing, show_day
from knoten.reciprocity.cli.options import IdArg, SinceOpt
from knoten.reciprocity.cli.showing import amount

cost_app = typer.Typer(
    name="cost",
    help="What a channel (event, organisation, circle) cost beyond its events: fees, hours.",
    no_args_is_help=True,
)


def _cost_line(data: dict[str, Any]) -> str:
    channel = data["channel"]
    spent = [amount(data["amount"])] if data["amount"] else []
    spent += [f"{data['hours']} h"] if data["hours"] else []
    return (
        f"cost {data['id']}: {channel['kind']} {channel['name']}, {' and '.join(spent)}, "
        f"{show_day(data['date'])}"
    )


def _cost_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("ID", "Date", "Kind", "Channel", "Amount", "Hours", "Note")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["date"],
            row["channel"]["kind"],
            Text(row["channel"]["name"]),
            amount(row["amount"]),
            row["hours"] or "-",
            Text(row["note"]),
        )
    return table


@cost_app.command("add")
def cost_add(
    event: Annotated[
        str | None, typer.Option("--event", metavar="EVENT", help="The event (name or id).")
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation", "--org", metavar="ORG", help="The organisation (name or id)."
        ),
    ] = None,
    circle: Annotated[
        str | None, typer.Option("--circle", metavar="CIRCLE", help="The circle (name or id).")
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option("--amount", metavar="AMOUNT", help='Money: "240 EUR", 1.234,50 €.'),
    ] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", metavar="HOURS", help="Time: 10, 4,5 or 1:30.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it was spent (today).")
    ] = None,
    cost_note: Annotated[str, typer.Option("--note", metavar="TEXT", help="What it was.")] = "",
    json_output: JsonOption = False,
) -> None:
    """Record time or money put into one channel: a membership fee, committee hours, a
    ticket. Name exactly one of --event, --organisation and --circle.

    Example: knoten cost add --organisation BVMW --amount "240 EUR" --hours 10 --on
    15.01.2026 --note "Beitrag, Ausschuss"
    """
    from knoten.reciprocity.services import add_channel_cost, channel_cost_as_dict

    actor = acting_member()
    with domain_errors():
        cost = add_channel_cost(
            actor,
            event=event,
            organisation=organisation,
            circle=circle,
            on=on,
            amount=amount,
            hours=hours,
            note=cost_note,
        )
    data = channel_cost_as_dict(cost)
    announce(f"Recorded {_cost_line(data)}.", data, json_output=json_output)


@cost_app.command("list")
def cost_list(
    since: SinceOpt = None, limit: LimitOpt = None, json_output: JsonOption = False
) -> None:
    """List what channels cost, newest first.

    Example: knoten cost list --since 2026-01-01 --json
    """
    from knoten.reciprocity.services import channel_cost_as_dict, list_channel_costs

    actor = acting_member()
    with domain_errors():
        rows = [
            channel_cost_as_dict(c) for c in list_channel_costs(actor, since=since, limit=limit)
        ]
    print_listing(rows, json_output=json_output, empty="No costs recorded.", table=_cost_table)


@cost_app.command("delete")
def cost_delete(cost_id: IdArg, yes: YesOpt = False) -> None:
    """Delete a recorded cost (asks first; without a terminal to ask, --yes is needed).

    Example: knoten cost delete 4 --yes
    """
    from knoten.reciprocity.services import delete_channel_cost

    actor = acting_member()
    with domain_errors():
        confirm_delete(f"cost {cost_id}", yes=yes, field="cost", value=cost_id)
        delete_channel_cost(actor, cost_id)
    note(f"Deleted cost {cost_id}.")
