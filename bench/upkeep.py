"""Keeping in touch (issue 13): the due list, losing touch, today's and the week's
overview, the calendar feed, refreshing every standing and the standing after one new
conversation, timed.

``python -m bench.upkeep [--size 100k] [--runs 50]`` (and ``python -m bench --only
upkeep``) times, in a process of its own on the cached demo network:

* the due list's first page (``due_list``, 20 rows, as ``knoten due`` asks);
* losing touch (``losing_touch``);
* today's and the week's overview (``overview``, days 1 and 7: occasions and due contacts);
* the calendar feed of a year (``calendar_of``), a few times only;
* every standing of the network recomputed (``refresh_network``);
* one new conversation logged with a contact (``log_interaction``; its change notice
  rewrites that person's standing inside the same transaction), then their standing.

Each figure is a median and a p95 over ``--runs`` calls after a warm-up (the refresh of
all persons a few times only). Targets, held at 100,000 persons: the due list, today and
week p95 ≤ 200 ms each, the feed ≤ 2 s, refresh-all ≤ 30 s, one conversation ≤ 50 ms.

Measured at 100k, 20 calls, median / p95 (2026-12-07, a shared two-core machine; the
"after" run with a load average of 4–7 from other jobs, the "before" one quieter):

=============================  ====================  ====================
figure                         before (8a5f60a)      after (h/upkeep-perf)
=============================  ====================  ====================
due list, first page           121 / 174 ms          231 / 284 ms (load)
today                          498 / 578 ms          251 / 374 ms (load)
week                           601 / 766 ms          257 / 341 ms (load)
calendar feed                  1037 / 1097 ms        972 / 1017 ms
one conversation + standing    15 / 98 ms            16 / 152 ms (load)
refresh all                    17.3 / 21.1 s         11.4 / 11.8 s
=============================  ====================  ====================

Under load every figure is inflated; the queries alone, timed warm on the same network:
the due rows 57 ms (17k rows read with their persons) → 4 ms count + 5–10 ms ranked page
(covering index ``standing_due``); yearly occasions 22 → 10 ms (``month_day`` index); new
positions 37 → 2 ms; the attendances of events ahead 15 → 0.5 ms; the in-bulk page read
12 → 0.4 ms. A conversation's standing rewrite writes 3 WAL pages instead of 11 (an upsert),
so the WAL checkpoint — a COMMIT of about 40 ms every ~1,000 pages, the p95 outlier —
comes less often. Left: the actor's private contacts (24 ms, all of the author's
interactions read: an index on journal_interaction (author, private, occurred_on) would
halve it) and the Python work of about 6,000 week candidates.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.timing import Part, targets

DUE_P95_MS = 200.0
REFRESH_MS = 30_000.0
CONVERSATION_P95_MS = 50.0
OVERVIEW_P95_MS = 200.0
FEED_MS = 2_000.0
REFRESH_RUNS = 3
FEED_RUNS = 5
TARGETS = {
    "due_list": DUE_P95_MS,
    "today": OVERVIEW_P95_MS,
    "week": OVERVIEW_P95_MS,
    "calendar_feed": FEED_MS,
    "refresh_all": REFRESH_MS,
    "conversation": CONVERSATION_P95_MS,
}


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.core import clock
    from knoten.journal.conversations import log_interaction
    from knoten.upkeep.calendar import calendar_of
    from knoten.upkeep.due import due_list, losing_touch, standing_of
    from knoten.upkeep.models import Standing
    from knoten.upkeep.overview import overview
    from knoten.upkeep.standings import refresh_network

    member = bench_member()
    net = member.network_id
    contacts = list(
        Standing.objects.filter(network_id=net, person__archived=False)
        .exclude(person_id=member.person_id)
        .order_by("-strength", "person_id")
        .values_list("person_id", flat=True)[: runs + 10]
    )

    def conversation(i: int) -> None:
        pk = contacts[i % len(contacts)]
        log_interaction(member, "Bench call", participants=[pk], kind="call", on=clock.today())
        standing_of(member, pk)

    figures = [
        timed("due_list", "due list, first page (20)", lambda _: due_list(member, limit=20), runs),
        timed("losing_touch", "losing touch (20)", lambda _: losing_touch(member), runs),
        timed("today", "today's overview", lambda _: overview(member, days=1), runs),
        timed("week", "the week's overview", lambda _: overview(member, days=7), runs),
        timed(
            "calendar_feed",
            "calendar feed, a year of every person",
            lambda _: calendar_of(member),
            max(1, min(runs, FEED_RUNS)),
            warmup=1,
        ),
        timed("conversation", "one conversation, then its standing", conversation, runs),
        timed(
            "refresh_all",
            "every standing recomputed",
            lambda _: refresh_network(net),
            max(1, min(runs, REFRESH_RUNS)),
            warmup=0,
        ),
    ]
    return {
        "rows": {
            "standings": Standing.objects.filter(network_id=net).count(),
            "due": due_list(member, limit=1)[1],
        },
        "runs": runs,
        "seed": seed,
        "figures": figures,
    }


def _summary(part: dict[str, Any]) -> str:
    return f"{part['rows']['standings']:,} standings, {part['rows']['due']:,} due"


PART = Part(
    key="upkeep",
    module="bench.upkeep",
    title="Keeping in touch",
    failure="the upkeep figures",
    figures=_figures,
    target=targets(TARGETS),
    summary=_summary,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
