"""Plain signals about give and take, each with the numbers behind it.

Over the last ``months`` months (12 by default; every threshold is a setting,
``settings.KNOTEN_SIGNALS``):

* ``only_giving``: *me* gave X at least ``only_giving`` favours or recommendations and
  nothing came back;
* ``only_taking``: X gave *me* at least ``only_taking`` and *me* gave nothing back;
* ``unthanked_recommendation``: X recommended *me* (or recommended someone to *me*) at
  least ``thanks_days`` days ago and was not thanked;
* ``unthanked_favour``: X did *me* a favour at least ``thanks_days`` days ago that was
  not thanked;
* ``not_beneficiary``: this calendar year *me* was the beneficiary of fewer than
  ``beneficiary_per_year`` recommendations (said once anything is recorded at all);
* ``time_eater``: a channel took at least ``time_eater_hours`` hours in the period and
  brought no result.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.core.clock import today
from knoten.core.data import reference
from knoten.core.models import Member
from knoten.people.models import Person
from knoten.reciprocity.balance import Balance, contact_flows
from knoten.reciprocity.roi import default_since, roi
from knoten.reciprocity.services import visible_favours, visible_recommendations

CODES = (
    "only_giving",
    "only_taking",
    "unthanked_recommendation",
    "unthanked_favour",
    "not_beneficiary",
    "time_eater",
)


def thresholds() -> dict[str, int]:
    defaults = {
        "months": 12,
        "only_giving": 3,
        "only_taking": 3,
        "thanks_days": 14,
        "beneficiary_per_year": 1,
        "time_eater_hours": 20,
    }
    return {**defaults, **getattr(settings, "KNOTEN_SIGNALS", {})}


def period(on: dt.date | None = None) -> tuple[dt.date, dt.date, int]:
    """The period the signals look back on: its first and last day, and its months."""
    months = thresholds()["months"]
    end = on or today()
    return default_since(end, months), end, months


@dataclass(frozen=True)
class Signal:
    code: str
    message: str
    numbers: dict[str, Any]
    person: Person | None = None
    channel: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "person": reference(self.person),
            "channel": self.channel,
            "numbers": self.numbers,
        }


def signals(
    actor: Member,
    *,
    person: Person | None = None,
    on: dt.date | None = None,
    channels: bool = True,
    flows: Mapping[int, Balance] | None = None,
) -> list[Signal]:
    """Every signal of ``actor``'s network (or only those about ``person``).

    ``flows``: the contacts' balances over the signals' period, if the caller has them
    already (:func:`~knoten.reciprocity.balance.contact_flows`; a person's page does).
    """
    limits = thresholds()
    since, end, months = period(on)
    me = actor.me.pk
    about = None if person is None or person.pk == me else person.pk
    found: list[tuple[int, Signal]] = []  # (person id, signal), names filled in below

    if flows is None:
        flows = contact_flows(actor, since=since, until=end, person=person if about else None)
    if about is not None:
        # Every signal about a contact rests on a favour or a recommendation between
        # *me* and them in the period, which their balance counts: none, nothing to say.
        shared = flows.get(about)
        if shared is None or not (shared.given.total or shared.received.total or shared.triangles):
            return []
    for pk, balance in flows.items():
        if about is not None and pk != about:
            continue
        given, received = balance.given.total, balance.received.total
        if given >= limits["only_giving"] and received == 0:
            found.append(
                (
                    pk,
                    Signal(
                        "only_giving",
                        ngettext(
                            "You keep giving to %(name)s: %(count)d favour or recommendation "
                            "in %(months)d months, and nothing has come back.",
                            "You keep giving to %(name)s: %(count)d favours and recommendations "
                            "in %(months)d months, and nothing has come back.",
                            given,
                        ),
                        {"given": given, "received": 0, "months": months},
                    ),
                )
            )
        if received >= limits["only_taking"] and given == 0:
            found.append(
                (
                    pk,
                    Signal(
                        "only_taking",
                        ngettext(
                            "%(name)s has done you %(count)d favour in %(months)d months, "
                            "and you none in return.",
                            "%(name)s has done you %(count)d favours in %(months)d months, "
                            "and you none in return.",
                            received,
                        ),
                        {"given": 0, "received": received, "months": months},
                    ),
                )
            )

    cutoff = end - dt.timedelta(days=limits["thanks_days"])
    recommendations = visible_recommendations(actor).filter(
        Q(beneficiary_id=me, beneficiary_thanked_on__isnull=True)
        | Q(recipient_id=me, recipient_thanked_on__isnull=True),
        made_on__range=(since, cutoff),
    )
    if about is not None:
        recommendations = recommendations.filter(recommender_id=about)
    found.extend(
        _unthanked(
            "unthanked_recommendation",
            recommendations.values_list("recommender_id", "made_on"),
            end,
            limits["thanks_days"],
            _("%(name)s recommended you and was never thanked (%(days)d days ago)."),
            _(
                "%(name)s recommended you %(count)d times and was never thanked "
                "(the first %(days)d days ago)."
            ),
        )
    )
    favours = visible_favours(actor).filter(
        receiver_id=me, thanked_on__isnull=True, given_on__range=(since, cutoff)
    )
    if about is not None:
        favours = favours.filter(giver_id=about)
    found.extend(
        _unthanked(
            "unthanked_favour",
            favours.values_list("giver_id", "given_on"),
            end,
            limits["thanks_days"],
            _("%(name)s did you a favour %(days)d days ago that you have not thanked for."),
            _(
                "%(name)s did you %(count)d favours you have not thanked for "
                "(the first %(days)d days ago)."
            ),
        )
    )

    listed = _named(actor, found)
    if about is None:
        listed.extend(_year_signal(actor, end, limits["beneficiary_per_year"]))
        if channels:
            listed.extend(_time_eaters(actor, since, end, limits["time_eater_hours"], months))
    return listed


def _unthanked(
    code: str,
    rows: Iterable[tuple[int, dt.date]],
    end: dt.date,
    thanks_days: int,
    one: str,
    many: str,
) -> list[tuple[int, Signal]]:
    """One signal per person owed thanks, from (person id, day) rows."""
    owed: dict[int, list[dt.date]] = defaultdict(list)
    for pk, day in rows:
        owed[pk].append(day)
    return [
        (
            pk,
            Signal(
                code,
                one if len(days) == 1 else many,
                {
                    "count": len(days),
                    "since": min(days).isoformat(),
                    "days": (end - min(days)).days,
                    "thanks_days": thanks_days,
                },
            ),
        )
        for pk, days in owed.items()
    ]


def _named(actor: Member, found: list[tuple[int, Signal]]) -> list[Signal]:
    people = Person.objects.filter(network_id=actor.network_id).in_bulk({pk for pk, _ in found})
    listed = []
    for pk, signal in found:
        who = people.get(pk)
        if who is None:
            continue
        count = signal.numbers.get("given") or signal.numbers.get("received")
        count = count or signal.numbers.get("count", 0)
        message = signal.message % {
            "name": who.full_name,
            "count": count,
            "months": signal.numbers.get("months", 0),
            "days": signal.numbers.get("days", 0),
        }
        listed.append(Signal(signal.code, message, signal.numbers, who))
    order = {code: index for index, code in enumerate(CODES)}
    listed.sort(key=lambda s: (order[s.code], s.person.sort_name if s.person else ""))
    return listed


def _year_signal(actor: Member, end: dt.date, per_year: int) -> list[Signal]:
    me = actor.me.pk
    mine = Q(recommender_id=me) | Q(recipient_id=me) | Q(beneficiary_id=me)
    anything = (
        visible_favours(actor).filter(Q(giver_id=me) | Q(receiver_id=me)).exists()
        or visible_recommendations(actor).filter(mine).exists()
    )
    if not anything:
        return []
    start = dt.date(end.year, 1, 1)
    this_year = visible_recommendations(actor).filter(mine, made_on__range=(start, end))
    benefited = this_year.filter(beneficiary_id=me).count()
    if benefited >= per_year:
        return []
    last = (
        visible_recommendations(actor)
        .filter(beneficiary_id=me, made_on__lte=end)
        .order_by("-made_on")
        .values_list("made_on", flat=True)
        .first()
    )
    as_recommender = this_year.filter(recommender_id=me).count()
    if benefited == 0:
        message = ngettext(
            "You have not been the beneficiary of a recommendation this year "
            "(you recommended others %(count)d time).",
            "You have not been the beneficiary of a recommendation this year "
            "(you recommended others %(count)d times).",
            as_recommender,
        ) % {"count": as_recommender}
    else:
        message = ngettext(
            "You have been the beneficiary of only %(count)d recommendation this year.",
            "You have been the beneficiary of only %(count)d recommendations this year.",
            benefited,
        ) % {"count": benefited}
    return [
        Signal(
            "not_beneficiary",
            message,
            {
                "year": end.year,
                "beneficiary": benefited,
                "recommender": as_recommender,
                "per_year": per_year,
                "last": last.isoformat() if last else None,
            },
        )
    ]


def _time_eaters(
    actor: Member, since: dt.date, end: dt.date, hours: int, months: int
) -> list[Signal]:
    report = roi(actor, since=since, until=end)
    listed = []
    for channel in report.channels:
        if channel.hours >= hours and channel.results == 0:
            listed.append(
                Signal(
                    "time_eater",
                    _(
                        "%(name)s took %(hours)s hours in %(months)d months and brought "
                        "nothing: no new contact, no favour, no recommendation."
                    )
                    % {"name": channel.name, "hours": f"{channel.hours:.0f}", "months": months},
                    {
                        "hours": f"{channel.hours:.1f}",
                        "threshold": hours,
                        "months": months,
                        "results": 0,
                        "money": channel.as_dict()["money"],
                    },
                    channel={"kind": channel.kind, "id": channel.id, "name": channel.name},
                )
            )
    return listed
