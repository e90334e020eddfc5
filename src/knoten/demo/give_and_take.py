"""Give and take for the demo network: favours, recommendations and what channels cost.

Called by the generator once persons, events and conversations exist. Everything here
draws from a random source of its own (seeded from the demo's seed), so the rest of the
demo network is the same with or without it, and the same seed gives the same favours.

What it writes, scaled with *me*'s direct circle (about 100 at 200 persons, 2,000 at
100,000), over the last five years, more of it recent:

* favours both ways between *me* and direct contacts, two and a half per contact on
  average but heavy-tailed (a close business partner has dozens); each contact leans
  one way or the other, and a few only take or only receive from *me* in the last year,
  so that the signals have something to say at every size. Some are noted in a
  conversation with that person (linked to it), most received ones are thanked;
* favours between others, which *me* heard of;
* recommendations with *me* as recommender, recipient and beneficiary, with outcomes
  (orders won with their value), thanks from either side; and a few between others;
* what the channels cost beyond an event's own cost and hours: *me*'s membership fees
  and committee hours (:class:`~knoten.reciprocity.models.ChannelCost`), travel and
  preparation for events, the client circle's Christmas presents, the regulars' table.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from knoten.core.partial_dates import PartialDate
from knoten.demo.give_and_take_words import (
    CIRCLE_COST_NOTES,
    COMMITTEE_NOTES,
    EVENT_COST_NOTES,
    FAVOUR_NOTES_DE,
    FAVOUR_NOTES_EN,
    MEMBERSHIP_FEE_NOTES,
    RECOMMENDATION_CONTEXTS_DE,
    RECOMMENDATION_CONTEXTS_EN,
)
from knoten.journal.models import Event
from knoten.people.models import Affiliation
from knoten.reciprocity.models import ChannelCost, Favour, Recommendation

if TYPE_CHECKING:
    from knoten.demo.plan import Plan

SPAN_DAYS = 5 * 365
BUSINESS_KINDS = ("recommendation", "introduction", "lead", "job_lead", "reference")
_GIVEN_KINDS = (
    ("know_how", 20),
    ("introduction", 14),
    ("recommendation", 10),
    ("tip", 14),
    ("help", 12),
    ("feedback", 10),
    ("reference", 5),
    ("job_lead", 4),
    ("lead", 6),
    ("gift", 5),
)
_RECEIVED_KINDS = (
    ("know_how", 16),
    ("introduction", 12),
    ("recommendation", 10),
    ("tip", 16),
    ("help", 10),
    ("feedback", 8),
    ("reference", 6),
    ("job_lead", 3),
    ("lead", 12),
    ("gift", 7),
)
_FAMILY_KINDS = (("help", 50), ("gift", 40), ("tip", 10))
# Minutes a favour of each kind takes (low, high), in steps of five.
_EFFORT = {
    "recommendation": (10, 30),
    "introduction": (15, 45),
    "lead": (30, 90),
    "job_lead": (10, 20),
    "know_how": (30, 180),
    "tip": (5, 15),
    "help": (30, 480),
    "reference": (30, 60),
    "gift": (30, 60),
    "feedback": (30, 120),
}
_OUTCOMES = (("open", 8), ("contact_made", 30), ("meeting_held", 22), ("won", 15), ("nothing", 25))
_CURRENCY = {"GB": "GBP", "US": "USD"}
# Yearly fee (low, high) and hours per quarter (low, high) by the kind of organisation.
_FEES = {
    "professional_association": ((180, 600), (3, 8)),
    "club": ((120, 480), (4, 10)),
    "elite_club": ((900, 2400), (6, 12)),
    "alumni_network": ((0, 80), (0, 3)),
    "online_community": ((0, 300), (0, 0)),
    "party": ((60, 240), (2, 6)),
}
Where = tuple[int | None, int | None, int | None]  # a cost's event, organisation, circle
_TIER_WEIGHT = {1: 8.0, 2: 4.0, 3: 1.5, 4: 0.5}


def _choose(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([item for item, _ in pairs], [weight for _, weight in pairs])[0]


class GiveAndTake:
    """The plan: who gives whom, drawn from the generator's persons (by their index; 0 is
    *me*), as rows ready to write."""

    def __init__(self, gen: Plan) -> None:
        self.gen = gen
        self.rng = random.Random(f"knoten-demo-give-and-take-{gen.seed}")
        self.today = gen.today
        self.net = gen.network_id
        self.author = gen.member.pk
        specs = gen.specs
        self.adults = [i for i in range(1, len(specs)) if specs[i].role != "child"] or list(
            range(1, len(specs))
        )
        direct = [i for i in gen.direct if specs[i].role != "child"]
        self.direct = direct or self.adults
        rng = self.rng
        weights = []
        for index in self.direct:
            spec = specs[index]
            weight = _TIER_WEIGHT.get(spec.tier, 1.0) * min(rng.paretovariate(1.2), 25.0)
            weights.append(weight * (0.5 if spec.origin == "family" else 1.0))
        self.weights = weights
        self.cumulative = list(itertools.accumulate(weights))
        # How far each contact leans: the chance that a favour between us is *me*'s.
        self.lean: dict[int, float] = {}
        for index in self.direct:
            roll = rng.random()
            lean = 0.92 if roll < 0.1 else 0.12 if roll < 0.17 else rng.betavariate(3, 3)
            self.lean[index] = lean
        # A few who only take from *me*, and a few who only give, this last year too.
        plain = [i for i in self.direct if specs[i].origin != "family"] or self.direct
        count = max(1, len(self.direct) // 150)
        planted = rng.sample(plain, min(len(plain), 2 * count))
        self.takers = planted[:count]
        self.givers = planted[count:]
        for index in self.takers:
            self.lean[index] = 1.0
        for index in self.givers:
            self.lean[index] = 0.0
        self.planted = set(planted)

    # ------------------------------------------------------------------ helpers

    def contact(self) -> int:
        return self.rng.choices(self.direct, cum_weights=self.cumulative)[0]

    def anyone(self, *besides: int) -> int:
        for _ in range(20):
            index = self.adults[self.rng.randrange(len(self.adults))]
            if index not in besides:
                return index
        return next((i for i in self.adults if i not in besides), -1)

    def day(self) -> dt.date:
        return self.today - dt.timedelta(days=int(SPAN_DAYS * self.rng.random() ** 1.4))

    def talk(self, person: int) -> tuple[dt.date, int] | None:
        """A conversation with ``person`` of the last years (its day and key), if any."""
        talks = self.gen.talks.get(person)
        return self.rng.choice(talks) if talks else None

    def fill(self, person: int) -> dict[str, str]:
        gen, rng = self.gen, self.rng
        spec = gen.specs[person]
        org = spec.company if spec.company >= 0 else rng.randrange(len(gen.orgs))
        city = spec.city.name if spec.city else spec.foreign[0] if spec.foreign else "Köln"
        return {
            "name": gen.names[person][1],
            "other": gen.names[self.anyone(person)][1],
            "topic": gen.skill_names[rng.choice(spec.skills)]
            if spec.skills
            else rng.choice(gen.skill_names),
            "org": gen.orgs[org].name,
            "city": city,
            "event": gen.events[rng.randrange(len(gen.events))].name if gen.events else "Messe",
        }

    def english(self, person: int) -> bool:
        return self.gen.specs[person].locale.startswith("en")

    def currency(self, person: int) -> str:
        foreign = self.gen.specs[person].foreign
        return _CURRENCY.get(foreign[2], "EUR") if foreign else "EUR"

    def thanks(self, day: dt.date, share: float) -> dt.date | None:
        """When a favour done on ``day`` was thanked (None: not yet), with ``share`` odds."""
        age = (self.today - day).days
        if self.rng.random() >= (share if age >= 3 else 0.3):
            return None
        return min(self.today, day + dt.timedelta(days=self.rng.choice((0, 0, 1, 1, 2, 3, 7))))

    def outcome(self, day: dt.date, won_allowed: bool = True) -> str:
        if (self.today - day).days < 21:
            return "open" if self.rng.random() < 0.8 else "contact_made"
        outcome = _choose(self.rng, _OUTCOMES)
        return "meeting_held" if outcome == "won" and not won_allowed else outcome

    def money(self, low: int, high: int, step: int) -> Decimal:
        return Decimal(self.rng.randint(low // step, high // step) * step)

    # ------------------------------------------------------------------ favours

    def favour(self, giver: int, receiver: int, day: dt.date | None = None) -> tuple[Any, ...]:
        """One favour row from ``giver`` to ``receiver`` (indices; 0 is *me*)."""
        gen, rng = self.gen, self.rng
        other = receiver if giver == 0 else giver
        family = gen.specs[other].origin == "family"
        interaction = None
        if day is None:
            day = self.day()
            if other in gen.talks and rng.random() < 0.3:
                found = self.talk(other)
                if found is not None:
                    day, interaction = found
        kinds = _FAMILY_KINDS if family else _GIVEN_KINDS if giver == 0 else _RECEIVED_KINDS
        kind = _choose(rng, kinds)
        value = None
        roll = rng.random()
        if kind == "lead" and roll < 0.7:
            value = self.money(3000, 80000, 500)
        elif kind == "gift" and roll < 0.9:
            value = self.money(15, 150, 5)
        elif kind == "know_how" and roll < 0.15:
            value = self.money(150, 1500, 50)
        elif kind == "help" and roll < 0.1:
            value = self.money(50, 800, 50)
        currency = self.currency(other) if value is not None else ""
        minutes = None
        if rng.random() < (0.75 if giver == 0 else 0.25):
            low, high = _EFFORT[kind]
            minutes = rng.randint(low // 5, high // 5) * 5
        outcome, won, won_currency = "open", None, ""
        if kind in BUSINESS_KINDS:
            outcome = self.outcome(day, won_allowed=kind != "job_lead")
            if outcome == "won":
                won_currency = currency or self.currency(other)
                won = (
                    (value * Decimal(rng.randint(50, 130)) / 100).quantize(Decimal(1))
                    if value is not None
                    else self.money(2000, 40000, 500)
                )
        note = ""
        if rng.random() < 0.6:
            notes = FAVOUR_NOTES_EN if self.english(other) else FAVOUR_NOTES_DE
            note = rng.choice(notes[kind]).format(**self.fill(other))
        thanked = self.thanks(day, 0.88 if receiver == 0 else 0.65)
        pks = gen.pks
        return (
            self.net,
            pks[giver],
            pks[receiver],
            kind,
            day,
            value,
            currency,
            minutes,
            note,
            outcome,
            won,
            won_currency,
            thanked,
            interaction,
            self.author,
        )

    def favours(self) -> list[tuple[Any, ...]]:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        for _ in range(max(12, round(len(self.direct) * 2.5))):
            other = self.contact()
            mine = rng.random() < self.lean[other]
            rows.append(self.favour(0, other) if mine else self.favour(other, 0))
        # The planted ones: three to five favours in the last eleven months, one way.
        for index in self.takers + self.givers:
            for _ in range(rng.randint(3, 5)):
                day = self.today - dt.timedelta(days=rng.randint(20, 330))
                pair = (0, index) if index in self.takers else (index, 0)
                rows.append(self.favour(*pair, day))
        # Between others: what *me* heard of (a direct contact helped someone).
        if len(self.adults) >= 2:
            for _ in range(max(3, self.gen.size // 25)):
                first = self.contact()
                second = self.anyone(first)
                if second < 0:
                    break
                pair = (first, second) if rng.random() < 0.5 else (second, first)
                rows.append(self.favour(*pair))
        return rows

    # ------------------------------------------------------------------ recommendations

    def recommendation(self, recommender: int, recipient: int, beneficiary: int) -> tuple[Any, ...]:
        gen, rng = self.gen, self.rng
        people = (recommender, recipient, beneficiary)
        day, interaction = self.day(), None
        contact = next((p for p in people if p and p in gen.talks), None)
        if contact is not None and rng.random() < 0.2:
            found = self.talk(contact)
            if found is not None:
                day, interaction = found
        outcome = self.outcome(day)
        won, won_currency = None, ""
        if outcome == "won":
            low, high = (5000, 120000) if beneficiary == 0 else (3000, 60000)
            won, won_currency = self.money(low, high, 500), "EUR"
        context = ""
        if rng.random() < 0.75:
            someone = next(p for p in people if p)
            english = self.english(someone)
            texts = RECOMMENDATION_CONTEXTS_EN if english else RECOMMENDATION_CONTEXTS_DE
            context = rng.choice(texts).format(**self.fill(someone))
        # Who thanked the recommender: *me* mostly does; others now and then.
        odds = {0: (0.85, 0.35), 1: (0.5, 0.8)}.get(
            0 if beneficiary == 0 else 1 if recipient == 0 else 2, (0.6, 0.4)
        )
        pks = gen.pks
        return (
            self.net,
            pks[recommender],
            pks[recipient],
            pks[beneficiary],
            day,
            context,
            outcome,
            won,
            won_currency,
            self.thanks(day, odds[0]),
            self.thanks(day, odds[1]),
            interaction,
            self.author,
        )

    def recommendations(self) -> list[tuple[Any, ...]]:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        if len(self.adults) < 2:
            return rows
        unplanted = [i for i in self.direct if i not in self.planted]
        if not unplanted:
            return rows
        cumulative = list(
            itertools.accumulate(
                weight
                for index, weight in zip(self.direct, self.weights, strict=True)
                if index not in self.planted
            )
        )

        def contact(*besides: int) -> int:
            for _ in range(20):
                found = rng.choices(unplanted, cum_weights=cumulative)[0]
                if found not in besides:
                    return found
            return self.anyone(*besides)

        def someone(*besides: int) -> int:
            found = contact(*besides) if rng.random() < 0.4 else self.anyone(*besides)
            return found if found not in self.planted else self.anyone(*besides, found)

        for _ in range(max(6, round(len(self.direct) * 0.5))):
            roll = rng.random()
            if roll < 0.45:  # *me* recommends someone to a contact
                recipient = contact()
                triangle = (0, recipient, someone(recipient))
            elif roll < 0.7:  # a contact recommends someone to *me*
                recommender = contact()
                triangle = (recommender, 0, someone(recommender))
            else:  # a contact recommends *me* to someone
                recommender = contact()
                triangle = (recommender, someone(recommender), 0)
            if -1 not in triangle and len(set(triangle)) == 3:
                rows.append(self.recommendation(*triangle))
        if len(self.adults) >= 3:
            for _ in range(max(2, self.gen.size // 100)):
                first = contact()
                second = self.anyone(first)
                third = self.anyone(first, second)
                if -1 not in (second, third):
                    rows.append(self.recommendation(first, second, third))
        return rows

    # ------------------------------------------------------------------ channel costs

    def idle_membership(self) -> tuple[int, str] | None:
        """An organisation *me* joined two years ago (written here) where *me* met nobody,
        neither there nor at its events; None when *me* had affiliations of their own."""
        gen = self.gen
        mine = {aff.org for aff in gen.specs[0].affs}
        if not mine:
            return None
        busy = {gen.events[number].organiser for number in set(gen.met_at.values())}
        for kind in ("professional_association", "club", "party"):
            for index in gen.orgs_by_kind.get(kind, ()):
                if index not in mine and index not in busy:
                    since = PartialDate(self.today.year - 2)
                    row = (self.net, gen.pks[0], gen.org_pks[index], "membership", "Mitglied")
                    gen.write(
                        Affiliation,
                        _AFFILIATION_FIELDS,
                        [(*row, since.isoformat())],
                        "affiliations",
                    )
                    return index, kind
        return None

    def costs(self) -> list[tuple[Any, ...]]:
        gen, rng, today = self.gen, self.rng, self.today
        rows: list[tuple[Any, ...]] = []
        first_year = today.year - 5

        def cost(
            day: dt.date,
            where: Where,
            amount: Decimal | None = None,
            hours: Decimal | None = None,
            note: str = "",
        ) -> None:
            if day <= today and (amount is not None or hours is not None):
                currency = "EUR" if amount is not None else ""
                rows.append((self.net, day, *where, amount, currency, hours, note))

        # *me*'s memberships: a yearly fee, and the hours put in, per quarter.
        for aff in gen.specs[0].affs:
            if aff.kind not in {"membership", "function"} or aff.end is not None:
                continue
            org = gen.orgs[aff.org]
            fees, quarterly = _FEES.get(org.kind, ((0, 120), (0, 4)))
            if aff.kind == "function":
                fees, quarterly = (0, 0), (8, 16)  # the board: the fee is paid as a member
            start = max(first_year, aff.start.year if aff.start and aff.start.year else first_year)
            yearly = self.money(*fees, 10) if fees[1] else None
            where: Where = (None, gen.org_pks[aff.org], None)
            for year in range(start, today.year + 1):
                if yearly:
                    note = rng.choice(MEMBERSHIP_FEE_NOTES).format(year=year)
                    cost(dt.date(year, 1, rng.randint(10, 31)), where, amount=yearly, note=note)
                if quarterly[1]:
                    for quarter in range(4):
                        day = dt.date(year, 3 * quarter + rng.randint(1, 3), rng.randint(1, 28))
                        spent = Decimal(rng.randint(quarterly[0] * 2, quarterly[1] * 2)) / 2
                        if spent:
                            cost(day, where, hours=spent, note=rng.choice(COMMITTEE_NOTES))
        # Events *me* went to: travel to the big ones, the fare where no cost is known,
        # and now and then the preparation of a talk or a stand.
        known = {
            pk: (cost, hours)
            for pk, cost, hours in Event.objects.filter(pk__in=gen.event_pks).values_list(
                "pk", "cost", "hours_spent"
            )
        }
        horizon = today - dt.timedelta(days=SPAN_DAYS)
        for number, event in enumerate(gen.events):
            if not event.me_attends or not horizon <= event.starts <= today:
                continue
            pk = gen.event_pks[number]
            where = (pk, None, None)
            if event.kind in {"trade_fair", "congress", "conference"} and rng.random() < 0.7:
                note = rng.choice(EVENT_COST_NOTES["travel"])
                cost(event.starts, where, amount=self.money(150, 900, 10), note=note)
            elif known[pk][0] is None and event.kind != "online_event":
                note = rng.choice(EVENT_COST_NOTES["fare"])
                cost(event.starts, where, amount=self.money(10, 120, 5), note=note)
            if rng.random() < 0.15:
                before = event.starts - dt.timedelta(days=rng.randint(1, 14))
                hours = Decimal(rng.randint(4, 24)) / 2
                cost(before, where, hours=hours, note=rng.choice(EVENT_COST_NOTES["prepare"]))
        # One event of the last year where *me* met nobody took a long day and its
        # preparation: the time-eater the signals point at.
        nobody = set(range(len(gen.events))) - set(gen.met_at.values())
        recent = [
            number
            for number in sorted(nobody)
            if gen.events[number].me_attends
            and today - dt.timedelta(days=330) <= gen.events[number].starts
            and gen.events[number].starts <= today - dt.timedelta(days=14)
        ]
        if recent:
            number = max(recent, key=lambda n: (known[gen.event_pks[n]][1] or 0, -n))
            event = gen.events[number]
            spent = known[gen.event_pks[number]][1] or Decimal(0)
            hours = max(Decimal(4), Decimal(22) - spent) + rng.randint(0, 6)
            before = event.starts - dt.timedelta(days=rng.randint(3, 10))
            note = EVENT_COST_NOTES["prepare"][1]
            cost(before, (gen.event_pks[number], None, None), hours=hours, note=note)
        # A membership of two years that brought nothing: an organisation where *me* met
        # nobody, with its fee and committee evenings (a time-eater at every size).
        joined = self.idle_membership()
        if joined is not None:
            where = (None, gen.org_pks[joined[0]], None)
            fee = self.money(*_FEES[joined[1]][0], 10)
            for year in (today.year - 2, today.year - 1, today.year):
                note = rng.choice(MEMBERSHIP_FEE_NOTES).format(year=year)
                cost(dt.date(year, 2, rng.randint(1, 28)), where, amount=fee, note=note)
            for months in range(3, 25, 3):
                day = today - dt.timedelta(days=30 * months - rng.randint(0, 20))
                spent = Decimal(rng.randint(12, 20)) / 2
                cost(day, where, hours=spent, note=COMMITTEE_NOTES[3])
        # Circles: Christmas presents for the clients; the regulars' table, quarterly.
        clients = gen.circle_pk.get("clients")
        for year in range(first_year, today.year + 1):
            if clients is not None:
                note = CIRCLE_COST_NOTES["clients"].format(year=year)
                hours = Decimal(rng.randint(4, 8))
                amount = self.money(300, 900, 10)
                day = dt.date(year, 12, rng.randint(5, 18))
                cost(day, (None, None, clients), amount=amount, hours=hours, note=note)
            if gen.custom_circle_pks:
                table: Where = (None, None, gen.custom_circle_pks[0])
                for quarter in range(4):
                    day = dt.date(year, 3 * quarter + 2, rng.randint(1, 28))
                    amount = self.money(30, 90, 5)
                    hours = Decimal(rng.randint(4, 8))
                    cost(day, table, amount=amount, hours=hours, note=CIRCLE_COST_NOTES["custom"])
        return rows


_FAVOUR_FIELDS = (
    "network",
    "giver",
    "receiver",
    "kind",
    "given_on",
    "value",
    "currency",
    "effort_minutes",
    "note",
    "outcome",
    "won_value",
    "won_currency",
    "thanked_on",
    "interaction",
    "author",
)
_RECOMMENDATION_FIELDS = (
    "network",
    "recommender",
    "recipient",
    "beneficiary",
    "made_on",
    "context",
    "outcome",
    "won_value",
    "won_currency",
    "beneficiary_thanked_on",
    "recipient_thanked_on",
    "interaction",
    "author",
)
_AFFILIATION_FIELDS = ("network", "person", "organisation", "kind", "title", "start")
_COST_FIELDS = (
    "network",
    "spent_on",
    "event",
    "organisation",
    "circle",
    "amount",
    "currency",
    "hours",
    "note",
)


def give_and_take(gen: Plan) -> None:
    """Write the favours, recommendations and channel costs of ``gen``'s network."""
    if len(gen.specs) < 2:
        return
    gen.report("give and take", 0, 3)
    plan = GiveAndTake(gen)
    favours = plan.favours()
    favours.sort(key=lambda row: row[4])  # in the order they happened
    gen.write(Favour, _FAVOUR_FIELDS, favours, "favours")
    gen.report("give and take", 1, 3)
    recommendations = plan.recommendations()
    recommendations.sort(key=lambda row: row[4])
    gen.write(Recommendation, _RECOMMENDATION_FIELDS, recommendations, "recommendations")
    gen.report("give and take", 2, 3)
    gen.write(ChannelCost, _COST_FIELDS, plan.costs(), "channel_costs")
    gen.report("give and take", 3, 3)


__all__ = ["give_and_take"]
