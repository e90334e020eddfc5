"""``knoten favour …``: favours between any two people (you included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt, YesOpt, changes_given, confirm_delete
from knoten.cli.output import (
    JsonOption,
    announce,
    domain_errors,
    note,
    out,
    print_listing,
    print_page,
    show_day,
)
from knoten.reciprocity.cli.options import (
    ConversationOpt,
    IdArg,
    KindText,
    NewOutcomeOpt,
    OnOpt,
    OrderValueOpt,
    OutcomeArg,
    OutcomeOpt,
    SinceOpt,
    UntilOpt,
    WonValueOpt,
)
from knoten.reciprocity.cli.showing import amount, kind_word, outcome_word, sentence, who

favor_app = typer.Typer(
    name="favour",
    help="Favours between any two people (you included): add, list, show, edit, thank.",
    no_args_is_help=True,
)


def _favour_line(data: dict[str, Any], me_id: int) -> str:
    giver, receiver = who(data["giver"], me_id), who(data["receiver"], me_id)
    day = show_day(data["date"])
    return f"favour {data['id']}: {giver} → {receiver}, {kind_word(data['kind'])}, {day}"


def _print_favour(data: dict[str, Any], me_id: int) -> None:
    out.print(Text(sentence(_favour_line(data, me_id)), style="bold"))
    facts = [
        ("Value", amount(data["value"])),
        ("Effort", f"{data['minutes']} minutes" if data["minutes"] is not None else "-"),
        ("Outcome", outcome_word(data["outcome"], data["won_value"])),
        ("Thanked", show_day(data["thanked_on"]) if data["thanked"] else "not yet"),
        ("Conversation", str(data["interaction"]) if data["interaction"] else "-"),
    ]
    if data["note"]:
        facts.append(("Note", data["note"]))
    for label, value in facts:
        out.print(Text(f"  {label + ':':<14}{value}"))


def _favour_table(rows: Sequence[dict[str, Any]], me_id: int) -> Table:
    table = Table("ID", "Date", "Giver", "Receiver", "Kind", "Value", "Outcome", "Thanked")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["date"],
            Text(who(row["giver"], me_id)),
            Text(who(row["receiver"], me_id)),
            kind_word(row["kind"]),
            amount(row["value"]),
            outcome_word(row["outcome"], row["won_value"]),
            row["thanked_on"] or "-",
        )
    return table


@favor_app.command("add")
def favor_add(
    giver: Annotated[
        str, typer.Option("--giver", metavar="PERSON", help="Who did the favour (or 'me').")
    ],
    receiver: Annotated[
        str, typer.Option("--receiver", metavar="PERSON", help="Who received it (or 'me').")
    ],
    kind: Annotated[str, typer.Option("--kind", "-k", metavar="KIND", help=KindText)],
    on: OnOpt = None,
    value: Annotated[
        str | None,
        typer.Option("--value", metavar="AMOUNT", help='What it was worth: "5000 EUR", 50 €.'),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", "-m", metavar="N", help="The effort, in minutes.")
    ] = None,
    favour_note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A note.")] = "",
    outcome: NewOutcomeOpt = None,
    won_value: WonValueOpt = None,
    thanked: Annotated[bool, typer.Option("--thanked", help="It was thanked already.")] = False,
    conversation: ConversationOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record a favour: GIVER did RECEIVER a favour of KIND (either may be you).

    Example: knoten favour add --giver me --receiver "Anna Schmidt" --kind lead --value
    "5000 EUR" --minutes 30 --on gestern
    """
    from knoten.reciprocity.services import add_favour, favour_as_dict

    actor = acting_member()
    with domain_errors():
        favour = add_favour(
            actor,
            giver=giver,
            receiver=receiver,
            kind=kind,
            on=on,
            value=value,
            minutes=minutes,
            note=favour_note,
            outcome=outcome,
            won_value=won_value,
            thanked=thanked,
            interaction=conversation,
        )
    data = favour_as_dict(favour)
    announce(f"Recorded {_favour_line(data, actor.me.pk)}.", data, json_output=json_output)


@favor_app.command("list")
def favor_list(
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="PERSON", help="Only favours this person gave or got."),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", metavar="KIND", help="Only this kind.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only those nothing has come of yet.")
    ] = False,
    unthanked: Annotated[bool, typer.Option("--unthanked", help="Only those not thanked.")] = False,
    limit: LimitOpt = None,
    json_output: JsonOption = False,
) -> None:
    """List favours, newest first.

    Example: knoten favour list --person "Anna Schmidt" --unthanked --json
    """
    from knoten.reciprocity.services import favour_as_dict, list_favours

    actor = acting_member()
    with domain_errors():
        favours = list_favours(
            actor,
            person=person,
            kind=kind,
            since=since,
            until=until,
            open_only=open_only,
            unthanked=unthanked,
            limit=limit,
        )
    print_listing(
        [favour_as_dict(favour) for favour in favours],
        json_output=json_output,
        empty="No favours.",
        table=lambda rows: _favour_table(rows, actor.me.pk),
        noun="favour",
    )


@favor_app.command("show")
def favor_show(favour_id: IdArg, json_output: JsonOption = False) -> None:
    """Show one favour: who, what, its value and effort, what came of it, the thanks.

    Example: knoten favour show 12 --json
    """
    from knoten.reciprocity.services import favour_as_dict, get_favour

    actor = acting_member()
    with domain_errors():
        data = favour_as_dict(get_favour(actor, favour_id))
    print_page(data, json_output=json_output, page=lambda: _print_favour(data, actor.me.pk))


@favor_app.command("edit")
def favor_edit(
    favour_id: IdArg,
    giver: Annotated[
        str | None, typer.Option("--giver", metavar="PERSON", help="Who did the favour.")
    ] = None,
    receiver: Annotated[
        str | None, typer.Option("--receiver", metavar="PERSON", help="Who received it.")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="KIND", help=KindText)] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it was done.")
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", metavar="AMOUNT", help='Its value ("" clears it).')
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", "-m", metavar="N", help='The effort ("" clears it).')
    ] = None,
    favour_note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help='A note ("" clears it).')
    ] = None,
    outcome: OutcomeOpt = None,
    won_value: WonValueOpt = None,
    thanked: Annotated[
        bool | None,
        typer.Option("--thanked/--not-thanked", help="It was thanked (today), or not yet."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Change what you give; everything else stays.

    Example: knoten favour edit 12 --kind introduction --minutes 45 --value ""
    """
    from knoten.reciprocity.services import edit_favour, favour_as_dict

    given = {
        "giver": giver,
        "receiver": receiver,
        "kind": kind,
        "on": on,
        "value": value,
        "minutes": minutes,
        "note": favour_note,
        "outcome": outcome,
        "won_value": won_value,
        "thanked": thanked,
    }
    actor = acting_member()
    with domain_errors():
        changes = changes_given("favour edit", favour_id, given)
        favour = edit_favour(actor, favour_id, **changes)
    data = favour_as_dict(favour)
    announce(f"Changed {_favour_line(data, actor.me.pk)}.", data, json_output=json_output)


@favor_app.command("thank")
def favor_thank(favour_id: IdArg, on: OnOpt = None, json_output: JsonOption = False) -> None:
    """Note that a favour was thanked (today, or --on).

    Example: knoten favour thank 12 --on gestern
    """
    from knoten.reciprocity.services import favour_as_dict, thank_favour

    actor = acting_member()
    with domain_errors():
        data = favour_as_dict(thank_favour(actor, favour_id, on=on))
    announce(
        f"Thanked on {show_day(data['thanked_on'])}: {_favour_line(data, actor.me.pk)}.",
        data,
        json_output=json_output,
    )


@favor_app.command("outcome")
def favor_outcome(
    favour_id: IdArg,
    outcome: OutcomeArg,
    value: OrderValueOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record what came of a favour (won, with the order's value).

    Example: knoten favour outcome 12 won --value "12000 EUR"
    """
    from knoten.reciprocity.services import favour_as_dict, set_favour_outcome

    actor = acting_member()
    with domain_errors():
        data = favour_as_dict(set_favour_outcome(actor, favour_id, outcome, value=value))
    shown = outcome_word(data["outcome"], data["won_value"])
    announce(f"Outcome {shown}: {_favour_line(data, actor.me.pk)}.", data, json_output=json_output)


@favor_app.command("delete")
def favor_delete(favour_id: IdArg, yes: YesOpt = False) -> None:
    """Delete a favour (asks first; without a terminal to ask, --yes is needed).

    Example: knoten favour delete 12 --yes
    """
    from knoten.reciprocity.services import delete_favour, favour_as_dict, get_favour

    actor = acting_member()
    with domain_errors():
        line = _favour_line(favour_as_dict(get_favour(actor, favour_id)), actor.me.pk)
        confirm_delete(line, yes=yes, field="favour", value=favour_id)
        delete_favour(actor, favour_id)
    note(f"Deleted {line}.")
