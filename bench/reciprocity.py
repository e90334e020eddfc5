"""Give and take (issue 5): the balance, the signals and the return on time, timed.

``python -m bench.reciprocity [--size 100k] [--runs 50]`` (and ``make bench``, on every
network it measures) times, in a process of its own on the cached demo network, the
domain functions that ``knoten balance``, ``knoten signals`` and ``knoten roi`` call, the
home page and the person page:

* one person's balance (``person_balance``), a different contact each call, taken from
  the contacts with the most favours and recommendations with *me* (the slowest ones);
  and the same for contacts drawn at random from *me*'s direct circle;
* the overall balance (``overall_balance``: every contact, the busiest first);
* the whole network's signals (``signals``, which includes the return on time for the
  time-eaters), and the signals about one person (the person page);
* the return on time (``roi``) over all kinds of channel, and for each kind alone.

Each figure is a median and a p95 over ``--runs`` calls after a warm-up. Targets, held
at 100,000 persons: one person's balance p95 ≤ 100 ms; the network's signals ≤ 2 s.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from typing import Any

from bench.timing import Part, targets

BALANCE_P95_MS = 100.0
SIGNALS_MS = 2000.0
BUSIEST = 30  # the contacts with the most give and take, whose balances are timed
SLOW_RUNS = 20  # at most this many calls of the figures that take a second or more


# --- inside Django ---------------------------------------------------------------------------


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from django.db.models import Q

    from bench.timing import WARMUP, timed
    from bench.worker import bench_member
    from knoten.people.models import Person
    from knoten.reciprocity.balance import overall_balance, person_balance
    from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
    from knoten.reciprocity.roi import KINDS, roi
    from knoten.reciprocity.signals import signals

    member = bench_member()
    me = member.me.pk
    net = member.network_id
    # The contacts with the most give and take with *me*, counted once here.
    busy: Counter[int] = Counter()
    mine = Favour.objects.filter(network_id=net).filter(Q(giver_id=me) | Q(receiver_id=me))
    for giver, receiver in mine.values_list("giver_id", "receiver_id").iterator():
        busy[receiver if giver == me else giver] += 1
    triangles = Recommendation.objects.filter(network_id=net).filter(
        Q(recommender_id=me) | Q(recipient_id=me) | Q(beneficiary_id=me)
    )
    for row in triangles.values_list("recommender_id", "recipient_id", "beneficiary_id"):
        for pk in row:
            if pk != me:
                busy[pk] += 1
    if not busy:
        raise LookupError("the network has no favours or recommendations with me")
    busiest = [pk for pk, _ in busy.most_common(BUSIEST)]
    rng = random.Random(f"knoten-bench-reciprocity-{seed}")
    contacts = sorted(busy)
    sample = rng.sample(contacts, min(len(contacts), runs + WARMUP))
    people = Person.objects.in_bulk(busiest + sample)
    slow = max(1, min(runs, SLOW_RUNS))

    figures = [
        timed(
            "balance_busiest",
            f"balance of one person (the {len(busiest)} busiest contacts)",
            lambda i: person_balance(member, people[busiest[i % len(busiest)]]),
            runs,
        ),
        timed(
            "balance_any",
            "balance of one person (any contact)",
            lambda i: person_balance(member, people[sample[i % len(sample)]]),
            runs,
        ),
        timed(
            "balance_overall",
            "overall balance (every contact)",
            lambda _: overall_balance(member),
            slow,
        ),
        timed("signals", "signals of the whole network", lambda _: signals(member), slow),
        timed(
            "signals_person",
            "signals about one person (busiest contacts)",
            lambda i: signals(member, person=people[busiest[i % len(busiest)]]),
            runs,
        ),
        timed("roi", "return on time, all channels", lambda _: roi(member), slow),
    ]
    for kind in KINDS:

        def by_kind(_: int, kind: str = kind) -> Any:
            return roi(member, by=kind)

        figures.append(timed(f"roi_{kind}", f"return on time by {kind}", by_kind, slow))
    top = people[busiest[0]]
    return {
        "rows": {
            "favours": Favour.objects.filter(network_id=net).count(),
            "favours_with_me": mine.count(),
            "recommendations": Recommendation.objects.filter(network_id=net).count(),
            "recommendations_with_me": triangles.count(),
            "channel_costs": ChannelCost.objects.filter(network_id=net).count(),
            "contacts": len(busy),
            "busiest": {"name": top.full_name, "count": busy[top.pk]},
            "channels": len(roi(member).channels),
            "signals": dict(Counter(signal.code for signal in signals(member))),
        },
        "runs": runs,
        "slow_runs": slow,
        "figures": figures,
    }


def _summary(part: dict[str, Any]) -> str:
    rows = part["rows"]
    return (
        f"{rows['favours']:,} favours ({rows['favours_with_me']:,} with me), "
        f"{rows['recommendations']:,} recommendations ({rows['recommendations_with_me']:,} with "
        f"me), {rows['channel_costs']:,} channel costs; {rows['contacts']:,} contacts, the "
        f"busiest {rows['busiest']['count']} times; {rows['channels']} channels; signals "
        + ", ".join(f"{code} {count}" for code, count in sorted(rows["signals"].items()))
    )


PART = Part(
    key="reciprocity",
    module="bench.reciprocity",
    title="Give and take",
    failure="the give-and-take figures",
    figures=_figures,
    target=targets(
        {"balance_busiest": BALANCE_P95_MS, "signals": SIGNALS_MS}, digits={"signals": 0}
    ),
    summary=_summary,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
