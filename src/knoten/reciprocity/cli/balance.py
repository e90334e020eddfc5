"""``knoten balance``: what you gave and received, with one contact or with everyone."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import typed_day
from knoten.cli.output import (
    JsonOption,
    counted,
    domain_errors,
    emit_json,
    note,
    out,
    print_page,
    show_day,
)
from knoten.reciprocity.cli.options import SinceOpt
from knoten.reciprocity.cli.roi import won
from knoten.reciprocity.cli.showing import kind_word, sums


def _flows(data: dict[str, Any]) -> Table:
    given, received = data["given"], data["received"]
    table = Table("", "given", "received")

    def row(label: str, key: str, shown: Any = str) -> None:
        table.add_row(label, shown(given[key]), shown(received[key]))

    row("Favours", "favours")
    row("Recommendations", "recommendations")
    row("Total", "total")
    row("Values", "values", sums)
    row("Effort (minutes)", "minutes")
    # As ``knoten roi`` shows them: "2 (12000.00 EUR; 1 without value)".
    table.add_row("Orders won", won(given), won(received))
    row(
        "By kind",
        "by_kind",
        lambda kinds: ", ".join(f"{kind_word(k)} {n}" for k, n in kinds.items()) or "-",
    )
    row("Last", "last", lambda day: day or "-")
    return table


def _print_balance(data: dict[str, Any], title: str) -> None:
    since = f" since {show_day(data['since'])}" if data["since"] else ""
    out.print(Text(f"{title}{since}", style="bold"))
    out.print(_flows(data))
    difference = data["difference"]
    lean = "you gave more" if difference > 0 else "you received more" if difference < 0 else "even"
    out.print(Text(f"  Difference: {difference:+d} ({lean})"))
    triangles = data["triangles"]
    if triangles["total"]:
        roles = ", ".join(
            f"{role} {triangles[role]}" for role in ("recommender", "recipient", "beneficiary")
        )
        share = data["beneficiary_share"]
        out.print(
            Text(
                f"  Triangles: {triangles['total']} (you as {roles}); "
                f"the beneficiary in {share:.0%}"
            )
        )
    else:
        out.print(Text("  Triangles: none"))


def balance(
    person: Annotated[
        str | None,
        typer.Argument(metavar="PERSON", help="A contact (name, id); all contacts without."),
    ] = None,
    since: SinceOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", metavar="N", min=0, help="At most N contacts, busiest first (0: all)."
        ),
    ] = 20,
    json_output: JsonOption = False,
) -> None:
    """Give and take: what you gave and received (favours by kind, values, orders won,
    recommendations) and your role in each triangle, with one contact or with everyone.

    Example: knoten balance "Anna Schmidt" --since 2025-01-01 --json
    """
    from knoten.people.lookup import resolve_person
    from knoten.reciprocity.balance import overall_balance, person_balance

    actor = acting_member()
    with domain_errors():
        start = typed_day(since, "since")
        if person is not None:
            who = resolve_person(actor, person, "person")
            if who.pk != actor.me.pk:
                data = person_balance(actor, who, since=start).as_dict()
                title = f"Balance with {who.full_name} (id {who.pk})"
                print_page(data, json_output=json_output, page=lambda: _print_balance(data, title))
                return
        overview = overall_balance(actor, since=start, limit=limit or None).as_dict()
    if json_output:
        emit_json(overview)
        return
    _print_balance(overview, "Your balance with everyone")
    contacts = overview["contacts"]
    if not contacts:
        return
    table = Table("ID", "Person", "Given", "Received", "Difference", "Triangles", "Last")
    for row in contacts:
        last = max(row["given"]["last"] or "", row["received"]["last"] or "")
        table.add_row(
            str(row["person"]["id"]),
            Text(row["person"]["name"]),
            str(row["given"]["total"]),
            str(row["received"]["total"]),
            f"{row['difference']:+d}",
            str(row["triangles"]["total"]),
            last or "-",
        )
    out.print(table)
    note(f"{counted(len(contacts), 'contact')}, the busiest first.")
