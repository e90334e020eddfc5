"""``knoten favour|recommendation|cost …``, ``knoten balance``, ``signals`` and ``roi``.

Each command parses its options, calls one function of :mod:`knoten.reciprocity`
(services, balance, signals, roi) and prints: a Rich table or a page for people, or with
``--json`` only JSON on stdout. What was done goes to stderr.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import LimitOpt, YesOpt, confirm_delete, nothing_to_change, typed_day
from knoten.cli.output import JsonOption, domain_errors, emit_json, note, out, show_day

favor_app = typer.Typer(
    name="favour",
    help="Favours between any two people (you included): add, list, show, edit, thank.",
    no_args_is_help=True,
)
intro_app = typer.Typer(
    name="recommendation",
    help="Recommendations, the triangle: who recommended whom to whom, and what came of it.",
    no_args_is_help=True,
)
cost_app = typer.Typer(
    name="cost",
    help="What a channel (event, organisation, circle) cost beyond its events: fees, hours.",
    no_args_is_help=True,
)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(ref: dict[str, Any] | None, me_id: int) -> str:
    if ref is None:
        return "-"
    return "you" if ref["id"] == me_id else str(ref["name"])


def _amount(value: dict[str, str] | None) -> str:
    return f"{value['amount']} {value['currency']}" if value else "-"


def _sums(values: dict[str, str]) -> str:
    return ", ".join(f"{amount} {currency}" for currency, amount in values.items()) or "-"


def _kind(code: str) -> str:
    from knoten.reciprocity.vocabulary import FAVOUR_KINDS

    return next((word.en for word in FAVOUR_KINDS if word.code == code), code)


def _outcome(code: str, won: dict[str, str] | None = None) -> str:
    from knoten.reciprocity.vocabulary import OUTCOMES

    word = next((word.en for word in OUTCOMES if word.code == code), code)
    return f"{word} ({_amount(won)})" if won else word


IdArg = Annotated[str, typer.Argument(metavar="ID", help="The id (as listed).")]
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="When: 2024-03-14, 14.03.2024, gestern (today)."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Only from this day on.")
]
OutcomeText = (
    "open, contact made, meeting held, won (order won), nothing (nothing came of it); "
    "or German: offen, Kontakt hergestellt, Auftrag gewonnen, ohne Ergebnis."
)
OutcomeArg = Annotated[str, typer.Argument(metavar="OUTCOME", help=OutcomeText)]
WonValueOpt = Annotated[
    str | None,
    typer.Option("--won-value", metavar="AMOUNT", help="With --outcome won: the order's value."),
]
OrderValueOpt = Annotated[
    str | None,
    typer.Option("--value", metavar="AMOUNT", help='With won: the order\'s value, "12000 EUR".'),
]
KindText = (
    "recommendation, introduction, lead (order or lead), job lead, know-how, tip, help, "
    "reference, gift, feedback (or German: Empfehlung, Tipp, Hilfe …)."
)


# ---------------------------------------------------------------------------
# knoten favour …
# ---------------------------------------------------------------------------


def _favour_line(data: dict[str, Any], me_id: int) -> str:
    giver, receiver = _who(data["giver"], me_id), _who(data["receiver"], me_id)
    day = show_day(data["date"])
    return f"favour {data['id']}: {giver} → {receiver}, {_kind(data['kind'])}, {day}"


def _print_favour(data: dict[str, Any], me_id: int) -> None:
    out.print(Text(_sentence(_favour_line(data, me_id)), style="bold"))
    facts = [
        ("Value", _amount(data["value"])),
        ("Effort", f"{data['minutes']} minutes" if data["minutes"] is not None else "-"),
        ("Outcome", _outcome(data["outcome"], data["won_value"])),
        ("Thanked", show_day(data["thanked_on"]) if data["thanked"] else "not yet"),
        ("Conversation", str(data["interaction"]) if data["interaction"] else "-"),
    ]
    if data["note"]:
        facts.append(("Note", data["note"]))
    for label, value in facts:
        out.print(Text(f"  {label + ':':<14}{value}"))


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
    outcome: Annotated[str, typer.Option("--outcome", metavar="OUTCOME", help=OutcomeText)] = (
        "open"
    ),
    won_value: WonValueOpt = None,
    thanked: Annotated[bool, typer.Option("--thanked", help="It was thanked already.")] = False,
    conversation: Annotated[
        str | None,
        typer.Option("--conversation", metavar="ID", help="The conversation it came up in."),
    ] = None,
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
    note(f"Recorded {_favour_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


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
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only up to this day.")
    ] = None,
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
    rows = [favour_as_dict(favour) for favour in favours]
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No favours.")
        return
    me_id = actor.me.pk
    table = Table("ID", "Date", "Giver", "Receiver", "Kind", "Value", "Outcome", "Thanked")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["date"],
            Text(_who(row["giver"], me_id)),
            Text(_who(row["receiver"], me_id)),
            _kind(row["kind"]),
            _amount(row["value"]),
            _outcome(row["outcome"], row["won_value"]),
            row["thanked_on"] or "-",
        )
    out.print(table)
    note(f"{len(rows)} favour{'s' if len(rows) != 1 else ''}.")


@favor_app.command("show")
def favor_show(favour_id: IdArg, json_output: JsonOption = False) -> None:
    """Show one favour: who, what, its value and effort, what came of it, the thanks.

    Example: knoten favour show 12 --json
    """
    from knoten.reciprocity.services import favour_as_dict, get_favour

    actor = acting_member()
    with domain_errors():
        data = favour_as_dict(get_favour(actor, favour_id))
    if json_output:
        emit_json(data)
        return
    _print_favour(data, actor.me.pk)


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
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="OUTCOME", help=OutcomeText)
    ] = None,
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

    given: dict[str, Any] = {
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
    changes = {name: value for name, value in given.items() if value is not None}
    actor = acting_member()
    with domain_errors():
        if not changes:
            raise nothing_to_change("favour edit", favour_id)
        favour = edit_favour(actor, favour_id, **changes)
    data = favour_as_dict(favour)
    note(f"Changed {_favour_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


@favor_app.command("thank")
def favor_thank(favour_id: IdArg, on: OnOpt = None, json_output: JsonOption = False) -> None:
    """Note that a favour was thanked (today, or --on).

    Example: knoten favour thank 12 --on gestern
    """
    from knoten.reciprocity.services import favour_as_dict, thank_favour

    actor = acting_member()
    with domain_errors():
        data = favour_as_dict(thank_favour(actor, favour_id, on=on))
    note(f"Thanked on {show_day(data['thanked_on'])}: {_favour_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


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
    shown = _outcome(data["outcome"], data["won_value"])
    note(f"Outcome {shown}: {_favour_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


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


# ---------------------------------------------------------------------------
# knoten recommendation …
# ---------------------------------------------------------------------------


def _intro_line(data: dict[str, Any], me_id: int) -> str:
    recommender = _who(data["recommender"], me_id)
    beneficiary = _who(data["beneficiary"], me_id)
    recipient = _who(data["recipient"], me_id)
    verb = "recommended"
    return (
        f"recommendation {data['id']}: {recommender} {verb} {beneficiary} to {recipient}, "
        f"{show_day(data['date'])}"
    )


def _thanks(data: dict[str, Any], role: str) -> str:
    return show_day(data[f"{role}_thanked_on"]) if data[f"{role}_thanked"] else "not yet"


def _print_intro(data: dict[str, Any], me_id: int) -> None:
    out.print(Text(_sentence(_intro_line(data, me_id)), style="bold"))
    facts = [
        ("Your role", data["my_role"] or "-"),
        ("Outcome", _outcome(data["outcome"], data["won_value"])),
        ("Thanked by the beneficiary", _thanks(data, "beneficiary")),
        ("Thanked by the recipient", _thanks(data, "recipient")),
        ("Conversation", str(data["interaction"]) if data["interaction"] else "-"),
    ]
    if data["context"]:
        facts.append(("Context", data["context"]))
    for label, value in facts:
        out.print(Text(f"  {label + ':':<28}{value}"))


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
    outcome: Annotated[str, typer.Option("--outcome", metavar="OUTCOME", help=OutcomeText)] = (
        "open"
    ),
    won_value: WonValueOpt = None,
    conversation: Annotated[
        str | None,
        typer.Option("--conversation", metavar="ID", help="The conversation it came up in."),
    ] = None,
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
    note(f"Recorded {_intro_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


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
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only up to this day.")
    ] = None,
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
    rows = [recommendation_as_dict(row, me_id) for row in found]
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No recommendations.")
        return
    table = Table("ID", "Date", "Recommender", "Beneficiary", "Recipient", "Outcome", "Thanked")
    for row in rows:
        thanked = [role for role in ("beneficiary", "recipient") if row[f"{role}_thanked"]]
        table.add_row(
            str(row["id"]),
            row["date"],
            Text(_who(row["recommender"], me_id)),
            Text(_who(row["beneficiary"], me_id)),
            Text(_who(row["recipient"], me_id)),
            _outcome(row["outcome"], row["won_value"]),
            ", ".join(f"by the {role}" for role in thanked) or "-",
        )
    out.print(table)
    note(f"{len(rows)} recommendation{'s' if len(rows) != 1 else ''}.")


@intro_app.command("show")
def intro_show(recommendation_id: IdArg, json_output: JsonOption = False) -> None:
    """Show one recommendation: the three people, your role, its outcome, the thanks.

    Example: knoten recommendation show 3 --json
    """
    from knoten.reciprocity.services import get_recommendation, recommendation_as_dict

    actor = acting_member()
    with domain_errors():
        data = recommendation_as_dict(get_recommendation(actor, recommendation_id), actor.me.pk)
    if json_output:
        emit_json(data)
        return
    _print_intro(data, actor.me.pk)


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
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="OUTCOME", help=OutcomeText)
    ] = None,
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
    changes = {name: value for name, value in given.items() if value is not None}
    actor = acting_member()
    with domain_errors():
        if not changes:
            raise nothing_to_change("recommendation edit", recommendation_id)
        found = edit_recommendation(actor, recommendation_id, **changes)
    data = recommendation_as_dict(found, actor.me.pk)
    note(f"Changed {_intro_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


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
    shown = _outcome(data["outcome"], data["won_value"])
    note(f"Outcome {shown}: {_intro_line(data, actor.me.pk)}.")
    if json_output:
        emit_json(data)


@intro_app.command("thank")
def intro_thank(
    recommendation_id: IdArg,
    by: Annotated[
        str,
        typer.Option(
            "--by", metavar="ROLE", help="Who thanked the recommender: beneficiary or recipient."
        ),
    ] = "beneficiary",
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
    note(
        f"Thanked: {_intro_line(data, actor.me.pk)} (by the beneficiary: "
        f"{_thanks(data, 'beneficiary')}; by the recipient: {_thanks(data, 'recipient')})."
    )
    if json_output:
        emit_json(data)


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


# ---------------------------------------------------------------------------
# knoten balance
# ---------------------------------------------------------------------------


def _flows(data: dict[str, Any]) -> Table:
    given, received = data["given"], data["received"]
    table = Table("", "given", "received")

    def row(label: str, key: str, shown: Any = str) -> None:
        table.add_row(label, shown(given[key]), shown(received[key]))

    row("Favours", "favours")
    row("Recommendations", "recommendations")
    row("Total", "total")
    row("Values", "values", _sums)
    row("Effort (minutes)", "minutes")
    table.add_row(
        "Orders won",
        f"{given['orders_won']} ({_sums(given['won_values'])})",
        f"{received['orders_won']} ({_sums(received['won_values'])})",
    )
    row(
        "By kind",
        "by_kind",
        lambda kinds: ", ".join(f"{_kind(k)} {n}" for k, n in kinds.items()) or "-",
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
                if json_output:
                    emit_json(data)
                else:
                    _print_balance(data, f"Balance with {who.full_name} (id {who.pk})")
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
    note(f"{len(contacts)} contact{'s' if len(contacts) != 1 else ''}, the busiest first.")


# ---------------------------------------------------------------------------
# knoten signals
# ---------------------------------------------------------------------------


def signals(
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="PERSON", help="Only the signals about this person."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Signals about give and take, each with its numbers: giving without return, taking
    without giving, thanks not said, no recommendation for you this year, time-eaters.

    The thresholds are settings (KNOTEN_SIGNALS).

    Example: knoten signals --json
    """
    from knoten.people.lookup import resolve_person
    from knoten.reciprocity.signals import signals as find_signals

    actor = acting_member()
    with domain_errors():
        who = resolve_person(actor, person, "person") if person is not None else None
        rows = [signal.as_dict() for signal in find_signals(actor, person=who)]
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No signals.")
        return
    table = Table("Signal", "About", "What")
    for row in rows:
        about = row["person"] or row["channel"]
        table.add_row(
            row["code"].replace("_", " "),
            Text(f"{about['name']} (id {about['id']})" if about else "you"),
            Text(row["message"]),
        )
    out.print(table)


# ---------------------------------------------------------------------------
# knoten roi
# ---------------------------------------------------------------------------


def roi(
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="KIND", help="Only one kind of channel: event, organisation or circle."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="From this day (default: 12 months ago)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Up to this day (today).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The return on networking time per channel (event, organisation, circle): the hours
    and money it took, and what came of it (new contacts, favours and recommendations
    received, orders won), the most time-consuming first.

    Example: knoten roi --by organisation --since 2025-01-01
    """
    from knoten.reciprocity.roi import roi as report

    actor = acting_member()
    with domain_errors():
        kind = by.strip().casefold() if by is not None else None
        found = report(
            actor, by=kind, since=typed_day(since, "since"), until=typed_day(until, "until")
        )
    data = found.as_dict()
    if json_output:
        emit_json(data)
        return
    out.print(Text(f"Return on networking time, {data['since']} to {data['until']}", style="bold"))
    if not data["channels"]:
        note("No channel took time or money, or brought anything, in this period.")
        return
    table = Table(
        "Kind",
        "Channel",
        "Hours",
        "Money",
        "New contacts",
        "Favours",
        "Recommendations",
        "Orders won",
        "Hours per result",
    )
    for row in data["channels"]:
        table.add_row(
            row["kind"],
            Text(row["name"]),
            row["hours"],
            _sums(row["money"]),
            str(row["new_contacts"]),
            str(row["favours_received"]),
            str(row["recommendations_received"]),
            f"{row['orders_won']} ({_sums(row['won_values'])})" if row["orders_won"] else "0",
            row["hours_per_result"] or "-",
        )
    out.print(table)


# ---------------------------------------------------------------------------
# knoten cost …
# ---------------------------------------------------------------------------


def _cost_line(data: dict[str, Any]) -> str:
    channel = data["channel"]
    spent = [_amount(data["amount"])] if data["amount"] else []
    spent += [f"{data['hours']} h"] if data["hours"] else []
    return (
        f"cost {data['id']}: {channel['kind']} {channel['name']}, {' and '.join(spent)}, "
        f"{show_day(data['date'])}"
    )


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
    note(f"Recorded {_cost_line(data)}.")
    if json_output:
        emit_json(data)


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
    if json_output:
        emit_json(rows)
        return
    if not rows:
        note("No costs recorded.")
        return
    table = Table("ID", "Date", "Kind", "Channel", "Amount", "Hours", "Note")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["date"],
            row["channel"]["kind"],
            Text(row["channel"]["name"]),
            _amount(row["amount"]),
            row["hours"] or "-",
            Text(row["note"]),
        )
    out.print(table)


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


def register(app: typer.Typer) -> None:
    app.add_typer(favor_app, name="favour")
    app.add_typer(intro_app, name="recommendation")
    # The old spellings, kept for scripts; hidden from help and the reference.
    app.add_typer(favor_app, name="favor", hidden=True)
    app.add_typer(intro_app, name="intro", hidden=True)
    app.command("balance")(balance)
    app.command("signals")(signals)
    app.command("roi")(roi)
    app.add_typer(cost_app, name="cost")
