"""``knoten recommendation …``: the triangle of who recommended whom to whom."""

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
    NewOutcomeOpt,
    OnOpt,
    OrderValueOpt,
    OutcomeArg,
    OutcomeOpt,
    SinceOpt,
    UntilOpt,
    WonValueOpt,
)
from knoten.reciprocity.cli.showing import outcome_word, sentence, who

intro_app = typer.Typer(
    name="recommendation",
    help="Recommendations, the triangle: who recommended whom to whom, and what came of it.",
    no_args_is_help=True,
)


def _intro_line(data: dict[str, Any], me_id: int) -> str:
    recommender = who(data["recommender"], me_id)
    beneficiary = who(data["beneficiary"], me_id)
    recipient = who(data["recipient"], me_id)
    verb = "recommended"
    return (
        f"recommendation {data['id']}: {recommender} {verb} {beneficiary} to {recipient}, "
        f"{show_day(data['date'])}"
    )


def _thanks(data: dict[str, Any], role: str) -> str:
    return show_day(data[f"{role}_thanked_on"]) if data[f"{role}_thanked"] else "not yet"


def _print_intro(data: dict[str, Any], me_id: int) -> None:
    out.print(Text(sentence(_intro_line(data, me_id)), style="bold"))
    facts = [
        ("Your role", data["my_role"] or "-"),
        ("Outcome", outcome_word(data["outcome"], data["won_value"])),
        ("Thanked by the beneficiary", _thanks(data, "beneficiary")),
        ("Thanked by the recipient", _thanks(data, "recipient")),
        ("Conversation", str(data["interaction"]) if data["interaction"] else "-"),
    ]
    if data["context"]:
        facts.append(("Context", data["context"]))
    for label, value in facts:
        out.print(Text(f"  {label + ':':<28}{value}"))


def _intro_table(rows: Sequence[dict[str, Any]], me_id: int) -> Table:
    table = Table("ID", "Date", "Recommender", "Beneficiary", "Recipient", "Outcome", "Thanked")
    for row in rows:
        thanked = [role for role in ("beneficiary", "recipient") if row[f"{role}_thanked"]]
        table.add_row(
            str(row["id"]),
            row["date"],
            Text(who(row["recommender"], me_id)),
            Text(who(row["beneficiary"], me_id)),
            Text(who(row["recipient"], me_id)),
            outcome_word(row["outcome"], row["won_value"]),
            ", ".join(f"by the {role}" for role in thanked) or "-",
        )
    return table


@intro_app.command("add")
def intro_add(
    recommender: Annotated[
        str,
        typer.Option("--recommender", metavar="PERSON", help="Who recommended (or 'me')."),
    ],
    recipient: Annotated[
        str,
        typer.Option("--recipient", metavar="PERSON", help="To whom (or 'me')."),
    ],
    beneficiary: Annotated[
        str,
        typer.Option("--beneficiary", metavar="PERSON", help="Whom they recommended (or 'me')."),
    ],
    on: OnOpt = None,
    context: Annotated[
        str, typer.Option("--note", "--context", metavar="TEXT", help="The context, a note.")
    ] = "",
    outcome: NewOutcomeOpt = None,
    won_value: WonValueOpt = None,
    conversation: ConversationOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record a recommendation: RECOMMENDER recommended BENEFICIARY to RECIPIENT.

    Any of the three may be you.

    Example: knoten recommendation add --recommender "Frank Roth" --recipient "Hans Vogel"
    --beneficiary me --on 20.10.2026 --note "Cloud migration tender"
    """
    from knoten.reciprocity.services import add_recommendation, recommendation_as_dict

    actor = acting_member()
    with domain_errors():
        found = add_recommendation(
            actor,
            recommender=recommender,
            recipient=recipient,
            beneficiary=beneficiary,
            on=on,
            context=context,
            outcome=outcome,
            won_value=won_value,
            interaction=conversation,
        )
    data = recommendation_as_dict(found, actor.me.pk)
    announce(f"Recorded {_intro_line(data, actor.me.pk)}.", data, json_output=json_output)


@intro_app.command("list")
def intro_list(
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="PERSON", help="Only those this person is part of."),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="recommender, recipient or beneficiary: the --person's role (yours without).",
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = None,
    json_output: JsonOption = False,
) -> None:
    """List recommendations, newest first.

    Example: knoten recommendation list --role beneficiary --since 2026-01-01
    """
    from knoten.reciprocity.services import list_recommendations, recommendation_as_dict

    actor = acting_member()
    me_id = actor.me.pk
    with domain_errors():
        found = list_recommendations(
            actor, person=person, role=role, since=since, until=until, limit=limit
        )
    print_listing(
        [recommendation_as_dict(row, me_id) for row in found],
        json_output=json_output,
        empty="No recommendations.",
        table=lambda rows: _intro_table(rows, me_id),
        noun="recommendation",
    )


@intro_app.command("show")
def intro_show(recommendation_id: IdArg, json_output: JsonOption = False) -> None:
    """Show one recommendation: the three people, your role, its outcome, the thanks.

    Example: knoten recommendation show 3 --json
    """
    from knoten.reciprocity.services import get_recommendation, recommendation_as_dict

    actor = acting_member()
    with domain_errors():
        data = recommendation_as_dict(get_recommendation(actor, recommendation_id), actor.me.pk)
    print_page(data, json_output=json_output, page=lambda: _print_intro(data, actor.me.pk))


@intro_app.command("edit")
def intro_edit(
    recommendation_id: IdArg,
    recommender: Annotated[
        str | None, typer.Option("--recommender", metavar="PERSON", help="Who recommended.")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", metavar="PERSON", help="To whom.")
    ] = None,
    beneficiary: Annotated[
        str | None, typer.Option("--beneficiary", metavar="PERSON", help="Whom.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it was made.")
    ] = None,
    context: Annotated[
        str | None,
        typer.Option("--note", "--context", metavar="TEXT", help='The context ("" clears it).'),
    ] = None,
    outcome: OutcomeOpt = None,
    won_value: WonValueOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Change what you give; everything else stays.

    Example: knoten recommendation edit 3 --recipient "Hans Vogel" --note "Cloud tender, Q4"
    """
    from knoten.reciprocity.services import edit_recommendation, recommendation_as_dict

    given = {
        "recommender": recommender,
        "recipient": recipient,
        "beneficiary": beneficiary,
        "on": on,
        "context": context,
        "outcome": outcome,
        "won_value": won_value,
    }
    actor = acting_member()
    with domain_errors():
        changes = changes_given("recommendation edit", recommendation_id, given)
        found = edit_recommendation(actor, recommendation_id, **changes)
    data = recommendation_as_dict(found, actor.me.pk)
    announce(f"Changed {_intro_line(data, actor.me.pk)}.", data, json_output=json_output)


@intro_app.command("outcome")
def intro_outcome(
    recommendation_id: IdArg,
    outcome: OutcomeArg,
    value: OrderValueOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Record what came of a recommendation (won, with the order's value).

    Example: knoten recommendation outcome 3 won --value "12000 EUR"
    """
    from knoten.reciprocity.services import recommendation_as_dict, set_recommendation_outcome

    actor = acting_member()
    with domain_errors():
        found = set_recommendation_outcome(actor, recommendation_id, outcome, value=value)
    data = recommendation_as_dict(found, actor.me.pk)
    shown = outcome_word(data["outcome"], data["won_value"])
    announce(f"Outcome {shown}: {_intro_line(data, actor.me.pk)}.", data, json_output=json_output)


@intro_app.command("thank")
def intro_thank(
    recommendation_id: IdArg,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="ROLE",
            help="Who thanked the recommender: beneficiary or recipient. Default: beneficiary.",
        ),
    ] = None,
    on: OnOpt = None,
    json_output: JsonOption = False,
) -> None:
    """Note that the beneficiary (or, --by recipient, the recipient) thanked the recommender.

    Example: knoten recommendation thank 3 --by recipient --on gestern
    """
    from knoten.reciprocity.services import recommendation_as_dict, thank_recommendation

    actor = acting_member()
    with domain_errors():
        found = thank_recommendation(actor, recommendation_id, by=by, on=on)
    data = recommendation_as_dict(found, actor.me.pk)
    announce(
        f"Thanked: {_intro_line(data, actor.me.pk)} (by the beneficiary: "
        f"{_thanks(data, 'beneficiary')}; by the recipient: {_thanks(data, 'recipient')}).",
        data,
        json_output=json_output,
    )


@intro_app.command("delete")
def intro_delete(recommendation_id: IdArg, yes: YesOpt = False) -> None:
    """Delete a recommendation (asks first; without a terminal to ask, --yes is needed).

    Example: knoten recommendation delete 3 --yes
    """
    from knoten.reciprocity.services import (
        delete_recommendation,
        get_recommendation,
        recommendation_as_dict,
    )

    actor = acting_member()
    with domain_errors():
        found = get_recommendation(actor, recommendation_id)
        line = _intro_line(recommendation_as_dict(found, actor.me.pk), actor.me.pk)
        confirm_delete(line, yes=yes, field="recommendation", value=recommendation_id)
        delete_recommendation(actor, recommendation_id)
    note(f"Deleted {line}.")
