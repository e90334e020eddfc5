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

import json
import os
import random
import subprocess
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import figure_lines, run_alone

ROOT = Path(__file__).resolve().parent.parent
TARGET_SIZE = 100_000
BALANCE_P95_MS = 100.0
SIGNALS_MS = 2000.0
BUSIEST = 30  # the contacts with the most give and take, whose balances are timed
SLOW_RUNS = 20  # at most this many calls of the figures that take a second or more


# --- inside Django ---------------------------------------------------------------------------


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from django.db.models import Q

    from bench.timing import WARMUP, summarise, time_calls
    from bench.worker import BENCH_USER
    from knoten.core.models import Member
    from knoten.people.models import Person
    from knoten.reciprocity.balance import overall_balance, person_balance
    from knoten.reciprocity.models import ChannelCost, Favour, Recommendation
    from knoten.reciprocity.roi import KINDS, roi
    from knoten.reciprocity.signals import signals

    member = Member.objects.select_related("network", "person", "user").get(
        user__username=BENCH_USER
    )
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

    def timed(name: str, label: str, call: Callable[[int], Any], count: int) -> dict[str, Any]:
        try:
            return {"name": name, "label": label, **summarise(time_calls(call, count))}
        except Exception as error:  # a broken function is reported, not fatal
            traceback.print_exc(file=sys.stderr)
            return {"name": name, "label": label, "error": f"{type(error).__name__}: {error}"}

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


def worker(out: Path, runs: int, seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    from knoten.cli.main import migrate_quietly

    migrate_quietly()
    result = _figures(runs, seed)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")


# --- outside: a process of its own on the cached network --------------------------------------


def measure(folder: Path, env: dict[str, str], runs: int = 50, seed: int = 1) -> dict[str, Any]:
    """Every figure of this module on the network in ``folder`` (``env`` names it)."""
    out = folder / "reciprocity.json"
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "bench.reciprocity",
        "--worker",
        "--out",
        str(out),
        "--runs",
        str(runs),
        "--seed",
        str(seed),
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"error": f"the give-and-take figures failed (exit {done.returncode})"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _target(name: str, p95: float) -> str:
    if name == "balance_busiest":
        over = p95 - BALANCE_P95_MS
        return f"p95 ≤ {BALANCE_P95_MS:.0f} ms  " + (
            "ok" if over <= 0 else f"MISS by {over:.1f} ms"
        )
    if name == "signals":
        over = p95 - SIGNALS_MS
        return f"≤ {SIGNALS_MS / 1000:.0f} s  " + ("ok" if over <= 0 else f"MISS by {over:.0f} ms")
    return ""


def report_lines(result: dict[str, Any], *, at_target: bool) -> list[str]:
    part = result.get("reciprocity")
    if part is None:
        return []
    if "error" in part:
        return [f"  Give and take: {part['error']}"]
    rows = part["rows"]
    lines = [
        f"  Give and take: {rows['favours']:,} favours ({rows['favours_with_me']:,} with me), "
        f"{rows['recommendations']:,} recommendations ({rows['recommendations_with_me']:,} with "
        f"me), {rows['channel_costs']:,} channel costs; {rows['contacts']:,} contacts, the "
        f"busiest {rows['busiest']['count']} times; {rows['channels']} channels; signals "
        + ", ".join(f"{code} {count}" for code, count in sorted(rows["signals"].items())),
        f"  {'':50}{'median':>11}  {'p95':>11}  "
        f"(calls: {part['runs']}, the slow ones {part['slow_runs']})",
    ]
    return lines + figure_lines(part["figures"], _target, at_target=at_target)


def main(argv: list[str] | None = None) -> int:
    return run_alone(
        "reciprocity",
        __doc__,
        argv,
        worker=worker,
        measure=measure,
        report_lines=report_lines,
        target_size=TARGET_SIZE,
    )


if __name__ == "__main__":
    sys.exit(main())
