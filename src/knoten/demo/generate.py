"""A realistic synthetic network for demos, tests and the benchmark.

:func:`generate_network` fills a member's network with persons (German and international
names, academic titles, name particles, nicknames), their contact points, organisations of
every kind, careers with partial dates, a who-knows-whom graph with a heavy-tailed degree
distribution, families, circles, tags and skills, important dates, events with
attendance, projects, years of conversation minutes and the promises made in them, and
the give and take of the last years: favours, recommendations and what channels cost
(:mod:`knoten.demo.give_and_take`).

The same ``seed`` (and the same ``today``) gives the same network: every random choice
comes from one :class:`random.Random` and from Faker instances seeded from it. Rows are
written in batches (:mod:`knoten.core.bulk`, or ``bulk_create`` where the objects are
kept) inside one transaction, so a failed run leaves nothing behind; the derived fields
that ``save()`` would compute (sort and folded names) are set here, and the change of
the whole network is announced once at the end (:mod:`knoten.core.changes`), so that
search indexes it.

The parts, in the order :func:`run` calls them, each a function of the
:class:`~knoten.demo.plan.Plan` that carries what earlier parts laid out:
:mod:`~knoten.demo.labels` (circles, tags, skills), :mod:`~knoten.demo.organisations`,
:mod:`~knoten.demo.events`, :mod:`~knoten.demo.people` (with
:mod:`~knoten.demo.careers`), :mod:`~knoten.demo.contacts`,
:mod:`~knoten.demo.relationships`, :mod:`~knoten.demo.dates`,
:mod:`~knoten.demo.projects`, :mod:`~knoten.demo.conversations`,
:mod:`~knoten.demo.give_and_take` and :mod:`~knoten.demo.import_traces`.

How the graph grows: persons arrive one after another; each new person links to a few
earlier ones, mostly by preferential attachment (someone who already knows many people
is more likely to be known by the newcomer) and partly through a shared organisation
(colleagues, classmates, fellow club members), which gives both the heavy tail of a real
network and its clusters. *me* is linked to a direct circle of contacts whose size grows
with the square root of the network (about 100 of 200, 2,000 of 100,000).
"""

from __future__ import annotations

import datetime as dt

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.demo import (
    careers,
    contacts,
    conversations,
    dates,
    events,
    import_traces,
    keeping,
    labels,
    organisations,
    people,
    projects,
    relationships,
)
from knoten.demo.give_and_take import give_and_take
from knoten.demo.plan import Plan, Progress

# Bump when the generator's output changes, so that cached benchmark networks are rebuilt.
GENERATOR_VERSION = 5
MAX_SIZE = 1_000_000


def generate_network(
    member: Member,
    *,
    size: int,
    seed: int,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add a synthetic network of ``size`` persons (besides *me*) to ``member``'s network.

    ``progress(stage, done, total)`` is called as each stage advances. Dates are laid out
    around ``today`` (default: the real today), so upcoming birthdays and overdue promises
    look current. Returns the number of rows of each kind that were added.
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InvalidInput("size", size, "must be a whole number of at least 1")
    if size > MAX_SIZE:
        raise InvalidInput("size", size, f"is too large; the demo makes at most {MAX_SIZE:,}")
    plan = Plan(member, size=size, seed=seed, progress=progress, today=today)
    with changes.atomic():
        counts = run(plan)
        # Written in bulk: whatever is derived from the network is made anew, once.
        changes.announce_network(member.network_id)
        plan.report("search index", 0, 1)
    plan.report("search index", 1, 1)
    return counts


def run(plan: Plan) -> dict[str, int]:
    """Every stage in turn; how many rows of each kind were written.

    The order matters: persons refer to organisations and events, and the graph, the
    attendance and the minutes refer to persons.
    """
    labels.add_vocabulary(plan)
    organisations.add(plan)
    events.add(plan)
    people.add(plan)
    careers.add_affiliations(plan)
    contacts.add(plan)
    relationships.add(plan)
    labels.add_groupings(plan)
    dates.add(plan)
    events.add_attendance(plan)
    projects.add(plan)
    conversations.add(plan)
    give_and_take(plan)
    import_traces.add(plan)
    keeping.add(plan)
    keeping.add_traces(plan)
    return dict(plan.counts)
