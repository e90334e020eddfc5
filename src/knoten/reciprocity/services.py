"""Recording give and take: favours, recommendations and what channels cost.

Plain typed functions that the command line, the web views and the API all call. Each
takes the acting :class:`Member` first and works only inside that member's network; a
row of another network is reported as not found. Every input is checked before anything
is written, so a refused call changes nothing.

A favour or recommendation noted in a conversation is linked to it; one noted in
another member's private conversation is as invisible as that conversation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from knoten.core import changes
from knoten.core.data import reference
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.folding import fold
from knoten.core.limits import is_id, page, storable
from knoten.core.models import Member
from knoten.core.reading import (
    any_day,
    long_text,
    lookup_id,
    parse_amount,
    parse_hours,
    past_day,
    whole_minutes,
)
from knoten.core.words import resolve_word
from knoten.journal.conversations import log_interaction
from knoten.journal.events import resolve_event
from knoten.journal.models import Event, Interaction
from knoten.journal.visibility import sees, visible_interaction
from knoten.people.labels import find_circle
from knoten.people.lookup import resolve_organisation as lookup_organisation
from knoten.people.lookup import resolve_person
from knoten.people.models import Circle, Organisation, Person
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation

# An effort longer than this many minutes (a month of full days) is a typing mistake.
MAX_EFFORT_MINUTES = 31 * 24 * 60
# What a favour is, and what came of a favour or a recommendation, when nothing is said.
DEFAULT_KIND = "help"
DEFAULT_OUTCOME = "open"


def default_currency() -> str:
    return str(getattr(settings, "KNOTEN_CURRENCY", "EUR"))


# ---------------------------------------------------------------------------
# Reading what users type
# ---------------------------------------------------------------------------


def parse_money(value: str | int | Decimal, field: str) -> tuple[Decimal, str]:
    """An amount and its currency ("5000 EUR", "1.234,50 €", "300"; the default
    currency when none is named)."""
    amount, currency = parse_amount(value, field)
    return amount, currency or default_currency()


def parse_kind(text: str | None, field: str = "kind") -> str:
    """A favour's kind in English or German or a synonym; None (left empty) is the
    default kind."""
    if text is None:
        return DEFAULT_KIND
    storable(field, text)
    return resolve_word(v.FAVOUR_KINDS, text, field)


def parse_outcome(text: str | None, field: str = "outcome") -> str:
    """What came of a favour or a recommendation; None (left empty) is still open."""
    if text is None:
        return DEFAULT_OUTCOME
    storable(field, text)
    return resolve_word(v.OUTCOMES, text, field)


def _effort(minutes: object, field: str = "minutes") -> int:
    return whole_minutes(
        minutes,
        field,
        at_most=MAX_EFFORT_MINUTES,
        what="an effort",
        too_long="is more than a month of minutes; give the effort",
    )


def _person(actor: Member, text: str | int | Person, field: str) -> Person:
    if isinstance(text, str):
        storable(field, text)
    return resolve_person(actor, text, field)


def _interaction(actor: Member, value: int | str | Interaction | None) -> Interaction | None:
    """The conversation a row is noted in, if any: one ``actor`` may see."""
    if value is None or value == "":
        return None
    return visible_interaction(actor, value)


def _won(
    outcome: str, won_value: str | int | Decimal | None, field: str = "won_value"
) -> tuple[Decimal | None, str]:
    """The value of the order won (only with the outcome "won"); a refusal names
    ``field``, as the caller's parameter is called."""
    if won_value is None or won_value == "":
        return None, ""
    if outcome != "won":
        raise InvalidInput(field, won_value, "is the value of an order won; set the outcome to won")
    return parse_money(won_value, field)


# ---------------------------------------------------------------------------
# Favours
# ---------------------------------------------------------------------------


def visible_favours(actor: Member) -> QuerySet[Favour]:
    """The favours of ``actor``'s network, less those noted in others' private minutes."""
    return Favour.objects.filter(sees(actor, "interaction"), network_id=actor.network_id)


def favour_as_dict(favour: Favour) -> dict[str, Any]:
    """One favour as JSON-able data, the same for every interface."""
    return {
        "id": favour.pk,
        "date": favour.given_on.isoformat(),
        "giver": reference(favour.giver),
        "receiver": reference(favour.receiver),
        "kind": favour.kind,
        "value": _amount(favour.value, favour.currency),
        "minutes": favour.effort_minutes,
        "note": favour.note,
        "outcome": favour.outcome,
        "won_value": _amount(favour.won_value, favour.won_currency),
        "thanked": favour.thanked_on is not None,
        "thanked_on": favour.thanked_on.isoformat() if favour.thanked_on else None,
        "interaction": favour.interaction_id,
    }


def _amount(value: Decimal | None, currency: str) -> dict[str, str] | None:
    if value is None:
        return None
    return {"amount": f"{value:.2f}", "currency": currency}


def add_favour(
    actor: Member,
    *,
    giver: str | int | Person,
    receiver: str | int | Person,
    kind: str | None = None,
    on: str | dt.date | None = None,
    value: str | int | Decimal | None = None,
    minutes: int | str | None = None,
    note: str = "",
    outcome: str | None = None,
    won_value: str | int | Decimal | None = None,
    thanked: bool = False,
    interaction: int | str | Interaction | None = None,
) -> Favour:
    """Record that ``giver`` did ``receiver`` a favour of ``kind`` (help if not said) on
    ``on`` (today if not said); either may be *me*. Its outcome is open unless said."""
    who_gives = _person(actor, giver, "giver")
    who_receives = _person(actor, receiver, "receiver")
    if who_gives.pk == who_receives.pk:
        raise InvalidInput("receiver", receiver, "is the giver too; a favour is between two")
    kind_code = parse_kind(kind)
    day = past_day(on, "on", hint="record a favour once it was done")
    amount, currency = (None, "") if value in (None, "") else parse_money(value, "value")  # type: ignore[arg-type]
    effort = None if minutes in (None, "") else _effort(minutes)
    outcome_code = parse_outcome(outcome)
    won, won_currency = _won(outcome_code, won_value)
    text = long_text(note, "note")
    found_interaction = _interaction(actor, interaction)
    favour = Favour.objects.create(
        network_id=actor.network_id,
        giver=who_gives,
        receiver=who_receives,
        kind=kind_code,
        given_on=day,
        value=amount,
        currency=currency,
        effort_minutes=effort,
        note=text,
        outcome=outcome_code,
        won_value=won,
        won_currency=won_currency,
        thanked_on=day if thanked else None,
        interaction=found_interaction,
        author=actor,
    )
    return favour


def get_favour(actor: Member, favour_id: int | str) -> Favour:
    """One favour ``actor`` may see, by id."""
    pk = lookup_id(favour_id, "favour")
    found = visible_favours(actor).select_related("giver", "receiver").filter(pk=pk).first()
    if found is None:
        raise NotFound("favour", pk)
    return found


_UNSET: Any = object()


def edit_favour(
    actor: Member,
    favour_id: int | str,
    *,
    giver: str | int | Person = _UNSET,
    receiver: str | int | Person = _UNSET,
    kind: str = _UNSET,
    on: str | dt.date = _UNSET,
    value: str | int | Decimal | None = _UNSET,
    minutes: int | str | None = _UNSET,
    note: str = _UNSET,
    outcome: str | None = _UNSET,
    won_value: str | int | Decimal | None = _UNSET,
    thanked: bool = _UNSET,
) -> Favour:
    """Change what is given; everything else stays. ``value``, ``minutes`` and
    ``won_value`` given as None (or "") clear the field; ``outcome`` None is open."""
    favour = get_favour(actor, favour_id)
    if giver is not _UNSET:
        favour.giver = _person(actor, giver, "giver")
    if receiver is not _UNSET:
        favour.receiver = _person(actor, receiver, "receiver")
    if favour.giver_id == favour.receiver_id:
        raise InvalidInput("receiver", favour.receiver.full_name, "is the giver too")
    if kind is not _UNSET:
        favour.kind = parse_kind(kind)
    if on is not _UNSET:
        favour.given_on = past_day(on, "on", hint="record a favour once it was done")
    if value is not _UNSET:
        favour.value, favour.currency = (
            (None, "") if value in (None, "") else parse_money(value, "value")  # type: ignore[arg-type]
        )
    if minutes is not _UNSET:
        favour.effort_minutes = None if minutes in (None, "") else _effort(minutes)
    if note is not _UNSET:
        favour.note = long_text(note, "note")
    if outcome is not _UNSET:
        favour.outcome = parse_outcome(outcome)
        if favour.outcome != "won" and won_value is _UNSET:
            favour.won_value, favour.won_currency = None, ""
    if won_value is not _UNSET:
        favour.won_value, favour.won_currency = _won(favour.outcome, won_value)
    if thanked is not _UNSET:
        if not isinstance(thanked, bool):
            raise InvalidInput("thanked", thanked, "is not true or false")
        if not thanked:
            favour.thanked_on = None
        elif favour.thanked_on is None:
            favour.thanked_on = max(favour.given_on, past_day(None))
    favour.save()
    return favour


def set_favour_outcome(
    actor: Member,
    favour_id: int | str,
    outcome: str,
    *,
    value: str | int | Decimal | None = None,
) -> Favour:
    """What came of a favour ("won" with the order's ``value``)."""
    _won(parse_outcome(outcome), value, "value")
    return edit_favour(actor, favour_id, outcome=outcome, won_value=value)


def thank_favour(actor: Member, favour_id: int | str, *, on: str | dt.date | None = None) -> Favour:
    """Note that the favour was thanked (today, or ``on``)."""
    favour = get_favour(actor, favour_id)
    day = past_day(on, "on", hint="note the thanks once it was said")
    if day < favour.given_on:
        raise InvalidInput("on", day.isoformat(), "is before the favour was done")
    favour.thanked_on = day
    favour.save(update_fields=["thanked_on"])
    return favour


def delete_favour(actor: Member, favour_id: int | str) -> None:
    get_favour(actor, favour_id).delete()


def list_favours(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    kind: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    open_only: bool = False,
    unthanked: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Favour]:
    """Favours, newest first; ``person`` keeps those they gave or received."""
    favours = visible_favours(actor)
    if person not in (None, ""):
        who = _person(actor, person, "person")  # type: ignore[arg-type]
        favours = favours.filter(Q(giver=who) | Q(receiver=who))
    if kind:
        favours = favours.filter(kind=parse_kind(kind))
    if since not in (None, ""):
        favours = favours.filter(given_on__gte=any_day(since, "since"))  # type: ignore[arg-type]
    if until not in (None, ""):
        favours = favours.filter(given_on__lte=any_day(until, "until"))  # type: ignore[arg-type]
    if open_only:
        favours = favours.filter(outcome="open")
    if unthanked:
        favours = favours.filter(thanked_on__isnull=True)
    ordered = favours.select_related("giver", "receiver").order_by("-given_on", "-pk")
    return list(page(ordered, limit, offset))


# ---------------------------------------------------------------------------
# Recommendations (the triangle)
# ---------------------------------------------------------------------------


def visible_recommendations(actor: Member) -> QuerySet[Recommendation]:
    """The recommendations of ``actor``'s network, less those noted in others'
    private minutes."""
    return Recommendation.objects.filter(sees(actor, "interaction"), network_id=actor.network_id)


def recommendation_as_dict(
    recommendation: Recommendation, me_id: int | None = None
) -> dict[str, Any]:
    """One recommendation as JSON-able data; ``my_role`` when *me* is in it."""
    roles = {
        recommendation.recommender_id: "recommender",
        recommendation.recipient_id: "recipient",
        recommendation.beneficiary_id: "beneficiary",
    }
    return {
        "id": recommendation.pk,
        "date": recommendation.made_on.isoformat(),
        "recommender": reference(recommendation.recommender),
        "recipient": reference(recommendation.recipient),
        "beneficiary": reference(recommendation.beneficiary),
        "context": recommendation.context,
        "outcome": recommendation.outcome,
        "won_value": _amount(recommendation.won_value, recommendation.won_currency),
        "beneficiary_thanked": recommendation.beneficiary_thanked_on is not None,
        "beneficiary_thanked_on": _iso(recommendation.beneficiary_thanked_on),
        "recipient_thanked": recommendation.recipient_thanked_on is not None,
        "recipient_thanked_on": _iso(recommendation.recipient_thanked_on),
        "my_role": roles.get(me_id) if me_id is not None else None,
        "interaction": recommendation.interaction_id,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _three(recommender: Person, recipient: Person, beneficiary: Person) -> None:
    if recommender.pk == recipient.pk:
        raise InvalidInput("recipient", recipient.full_name, "is the recommender too")
    if recommender.pk == beneficiary.pk:
        raise InvalidInput("beneficiary", beneficiary.full_name, "is the recommender too")
    if recipient.pk == beneficiary.pk:
        raise InvalidInput("beneficiary", beneficiary.full_name, "is the recipient too")


def add_recommendation(
    actor: Member,
    *,
    recommender: str | int | Person,
    recipient: str | int | Person,
    beneficiary: str | int | Person,
    on: str | dt.date | None = None,
    context: str = "",
    outcome: str | None = None,
    won_value: str | int | Decimal | None = None,
    interaction: int | str | Interaction | None = None,
) -> Recommendation:
    """Record that ``recommender`` recommended ``beneficiary`` to ``recipient`` (its
    outcome open unless said)."""
    people = (
        _person(actor, recommender, "recommender"),
        _person(actor, recipient, "recipient"),
        _person(actor, beneficiary, "beneficiary"),
    )
    _three(*people)
    day = past_day(on, "on", hint="record a recommendation once it was made")
    outcome_code = parse_outcome(outcome)
    won, won_currency = _won(outcome_code, won_value)
    text = long_text(context, "context")
    found_interaction = _interaction(actor, interaction)
    return Recommendation.objects.create(
        network_id=actor.network_id,
        recommender=people[0],
        recipient=people[1],
        beneficiary=people[2],
        made_on=day,
        context=text,
        outcome=outcome_code,
        won_value=won,
        won_currency=won_currency,
        interaction=found_interaction,
        author=actor,
    )


def get_recommendation(actor: Member, recommendation_id: int | str) -> Recommendation:
    pk = lookup_id(recommendation_id, "recommendation")
    found = (
        visible_recommendations(actor)
        .select_related("recommender", "recipient", "beneficiary")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound("recommendation", pk)
    return found


def edit_recommendation(
    actor: Member,
    recommendation_id: int | str,
    *,
    recommender: str | int | Person = _UNSET,
    recipient: str | int | Person = _UNSET,
    beneficiary: str | int | Person = _UNSET,
    on: str | dt.date = _UNSET,
    context: str = _UNSET,
    outcome: str | None = _UNSET,
    won_value: str | int | Decimal | None = _UNSET,
) -> Recommendation:
    """Change what is given; everything else stays. ``context`` None clears it (as
    ``won_value`` None or "" does); ``outcome`` None is open."""
    found = get_recommendation(actor, recommendation_id)
    if recommender is not _UNSET:
        found.recommender = _person(actor, recommender, "recommender")
    if recipient is not _UNSET:
        found.recipient = _person(actor, recipient, "recipient")
    if beneficiary is not _UNSET:
        found.beneficiary = _person(actor, beneficiary, "beneficiary")
    _three(found.recommender, found.recipient, found.beneficiary)
    if on is not _UNSET:
        found.made_on = past_day(on, "on", hint="record a recommendation once it was made")
    if context is not _UNSET:
        found.context = long_text(context, "context")
    if outcome is not _UNSET:
        found.outcome = parse_outcome(outcome)
        if found.outcome != "won" and won_value is _UNSET:
            found.won_value, found.won_currency = None, ""
    if won_value is not _UNSET:
        found.won_value, found.won_currency = _won(found.outcome, won_value)
    found.save()
    return found


def set_recommendation_outcome(
    actor: Member,
    recommendation_id: int | str,
    outcome: str,
    *,
    value: str | int | Decimal | None = None,
) -> Recommendation:
    """What came of a recommendation ("won" with the order's ``value``)."""
    _won(parse_outcome(outcome), value, "value")
    return edit_recommendation(actor, recommendation_id, outcome=outcome, won_value=value)


THANKING_ROLES = ("beneficiary", "recipient")
DEFAULT_THANKING_ROLE = "beneficiary"


def thank_recommendation(
    actor: Member,
    recommendation_id: int | str,
    *,
    by: str | None = None,
    on: str | dt.date | None = None,
) -> Recommendation:
    """Note that the beneficiary (or the recipient) thanked the recommender; ``None``
    (left out) is the beneficiary."""
    role = DEFAULT_THANKING_ROLE if by is None else by.strip().casefold()
    role = {
        "nutzniesser": "beneficiary",
        "nutznießer": "beneficiary",
        "empfänger": "recipient",
    }.get(role, role)
    if role not in THANKING_ROLES:
        raise InvalidInput("by", by, "is not beneficiary or recipient")
    found = get_recommendation(actor, recommendation_id)
    day = past_day(on, "on", hint="note the thanks once it was said")
    if day < found.made_on:
        raise InvalidInput("on", day.isoformat(), "is before the recommendation was made")
    setattr(found, f"{role}_thanked_on", day)
    found.save(update_fields=[f"{role}_thanked_on"])
    return found


def delete_recommendation(actor: Member, recommendation_id: int | str) -> None:
    get_recommendation(actor, recommendation_id).delete()


ROLES = ("recommender", "recipient", "beneficiary")


def list_recommendations(
    actor: Member,
    *,
    person: str | int | Person | None = None,
    role: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Recommendation]:
    """Recommendations, newest first; ``person`` keeps those they are part of, in
    ``role`` if given (``role`` alone: those where *me* has that role)."""
    rows = visible_recommendations(actor)
    if role not in (None, ""):
        role = str(role).strip().casefold()
        if role not in ROLES:
            raise InvalidInput("role", role, "is not recommender, recipient or beneficiary")
    who = None
    if person not in (None, ""):
        who = _person(actor, person, "person")  # type: ignore[arg-type]
    elif role:
        who = actor.me
    if who is not None:
        if role:
            rows = rows.filter(**{role: who})
        else:
            rows = rows.filter(Q(recommender=who) | Q(recipient=who) | Q(beneficiary=who))
    if since not in (None, ""):
        rows = rows.filter(made_on__gte=any_day(since, "since"))  # type: ignore[arg-type]
    if until not in (None, ""):
        rows = rows.filter(made_on__lte=any_day(until, "until"))  # type: ignore[arg-type]
    ordered = rows.select_related("recommender", "recipient", "beneficiary").order_by(
        "-made_on", "-pk"
    )
    return list(page(ordered, limit, offset))


# ---------------------------------------------------------------------------
# What a channel costs
# ---------------------------------------------------------------------------


def channel_cost_as_dict(cost: ChannelCost) -> dict[str, Any]:
    channel, kind = _channel_of(cost)
    return {
        "id": cost.pk,
        "date": cost.spent_on.isoformat(),
        "channel": {"kind": kind, **(reference(channel) or {})},
        "amount": _amount(cost.amount, cost.currency),
        "hours": f"{cost.hours:.2f}" if cost.hours is not None else None,
        "note": cost.note,
    }


def _channel_of(cost: ChannelCost) -> tuple[Any, str]:
    if cost.event_id is not None:
        return cost.event, "event"
    if cost.organisation_id is not None:
        return cost.organisation, "organisation"
    return cost.circle, "circle"


def resolve_circle(actor: Member, text: str | int | Circle, field: str = "circle") -> Circle:
    if isinstance(text, Circle):
        if text.network_id != actor.network_id:
            raise NotFound(field, text.pk)
        return text
    storable(field, text)
    circles = Circle.objects.filter(network_id=actor.network_id)
    raw = str(text).strip()
    if not raw:
        raise InvalidInput(field, text, "is empty; name a circle")
    found = circles.filter(Q(folded_name=fold(raw)) | Q(code=raw)).first()
    if found is None and raw.isdecimal() and is_id(raw):
        found = circles.filter(pk=int(raw)).first()
    if found is None:
        # A seeded circle by its other language's name ("Kunden" for clients).
        try:
            found = find_circle(actor, raw)
        except NotFound:
            raise NotFound(field, raw) from None
    return found


def resolve_organisation(
    actor: Member, text: str | int | Organisation, field: str = "organisation"
) -> Organisation:
    if isinstance(text, str):
        storable(field, text)
    return lookup_organisation(actor, text, field)


def add_channel_cost(
    actor: Member,
    *,
    event: str | int | Event | None = None,
    organisation: str | int | Organisation | None = None,
    circle: str | int | Circle | None = None,
    on: str | dt.date | None = None,
    amount: str | int | Decimal | None = None,
    hours: str | int | Decimal | None = None,
    note: str = "",
) -> ChannelCost:
    """Record time or money put into one channel (a fee, committee hours, a ticket)."""
    named = [
        (name, value)
        for name, value in (("event", event), ("organisation", organisation), ("circle", circle))
        if value not in (None, "")
    ]
    if len(named) != 1:
        raise InvalidInput(
            "channel",
            ", ".join(name for name, _ in named) or "nothing",
            "is not one channel; name exactly one event, organisation or circle",
        )
    if amount in (None, "") and hours in (None, ""):
        raise InvalidInput("amount", "", "and hours are both empty; give money, time or both")
    money, currency = (None, "") if amount in (None, "") else parse_money(amount, "amount")  # type: ignore[arg-type]
    spent_hours = None if hours in (None, "") else parse_hours(hours, "hours")  # type: ignore[arg-type]
    day = any_day(on, "on") if on not in (None, "") else past_day(None)  # type: ignore[arg-type]
    text = long_text(note, "note")
    cost = ChannelCost(
        network_id=actor.network_id,
        spent_on=day,
        amount=money,
        currency=currency,
        hours=spent_hours,
        note=text,
    )
    kind, value = named[0]
    if kind == "event":
        cost.event = resolve_event(actor, value, "event")  # type: ignore[arg-type]
    elif kind == "organisation":
        cost.organisation = resolve_organisation(actor, value)  # type: ignore[arg-type]
    else:
        cost.circle = resolve_circle(actor, value)  # type: ignore[arg-type]
    with changes.atomic():
        cost.save()
    return cost


def list_channel_costs(
    actor: Member,
    *,
    since: str | dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ChannelCost]:
    rows = ChannelCost.objects.filter(network_id=actor.network_id)
    if since not in (None, ""):
        rows = rows.filter(spent_on__gte=any_day(since, "since"))  # type: ignore[arg-type]
    ordered = rows.select_related("event", "organisation", "circle").order_by("-spent_on", "-pk")
    return list(page(ordered, limit, offset))


def delete_channel_cost(actor: Member, cost_id: int | str) -> None:
    pk = lookup_id(cost_id, "cost")
    found = ChannelCost.objects.filter(network_id=actor.network_id, pk=pk).first()
    if found is None:
        raise NotFound("cost", pk)
    found.delete()


# ---------------------------------------------------------------------------
# Favours noted while logging a conversation
# ---------------------------------------------------------------------------


def log_with_favours(
    actor: Member,
    summary: str,
    *,
    gave: Sequence[str] = (),
    got: Sequence[str] = (),
    **conversation: Any,
) -> tuple[Interaction, list[Favour]]:
    """Log a conversation (:func:`knoten.journal.conversations.log_interaction` takes
    ``conversation``) with the favours done in it, by kind: ``gave`` from *me* to the
    first participant, ``got`` from them to *me*, dated on the conversation's day. All is
    written together, or (a kind refused) nothing."""
    for field, kinds in (("gave", gave), ("got", got)):
        for kind in kinds:
            parse_kind(kind, field)
    with changes.atomic():
        interaction = log_interaction(actor, summary, **conversation)
        first = interaction.participations.all()[0].person
        favours = [
            add_favour(
                actor,
                giver=giver,
                receiver=receiver,
                kind=kind,
                on=interaction.occurred_on,
                interaction=interaction,
            )
            for kinds, giver, receiver in ((gave, actor.me, first), (got, first, actor.me))
            for kind in kinds
        ]
    return interaction, favours
