"""Who knows about a topic (issue 14), timed over many topics.

``python -m bench.expertise [--size 100k] [--runs 50]`` (and ``python -m bench --only
whoknows``) times, in a process of its own on the cached demo network, the function that
``knoten whoknows``, the page and the API call (``who_knows``, the first 20 people) for
each of at least 50 topics: the demo's skills and industries, German and English forms,
inflected forms (plural, other endings) and words of the minutes; every topic is asked
twice or more (at least ``--runs`` calls in all). Beside it, the index step alone
(``candidates``) as the floor. Target, held at 100,000 persons: p95 ≤ 100 ms.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.timing import Part, targets

WHOKNOWS_P95_MS = 100.0

# Forms a user types that the demo's words do not have as such.
EXTRA_TOPICS = (
    "Ausschreibung",
    "öffentliche Ausschreibung",
    "oeffentliche Ausschreibungen",
    "photovoltaic",
    "Photovoltaikanlagen",
    "energy",
    "Energie",
    "tender",
    "quality management",
    "Steuer",
    "Mentor",
    "Fotograf",
    "photography",
    "Marketing",
    "Software",
    "Export",
    "Digitalisierungsprojekte",
    "artificial intelligence",
    "Nachhaltigkeit",
    "sustainability",
)


def topics() -> list[str]:
    """At least 50 topics: the demo's general skills, its industries and a skill of each,
    and :data:`EXTRA_TOPICS`."""
    from knoten.demo.organisation_words import GENERAL_SKILLS, INDUSTRIES

    found: list[str] = list(GENERAL_SKILLS)
    for industry, skills in INDUSTRIES.items():
        found.append(industry)
        found.extend(skills[:2])
    found.extend(EXTRA_TOPICS)
    return list(dict.fromkeys(found))


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.expertise.candidates import candidates
    from knoten.expertise.topics import who_knows

    member = bench_member()
    asked = topics()
    calls = max(runs, 2 * len(asked))

    figures = [
        timed(
            "whoknows",
            f"who knows, first 20 ({len(asked)} topics)",
            lambda i: who_knows(member, asked[i % len(asked)], limit=20),
            calls,
        ),
        timed(
            "candidates",
            "  of which the index step (floor)",
            lambda i: candidates(member, asked[i % len(asked)]),
            calls,
        ),
    ]
    answers = {topic: who_knows(member, topic, limit=20) for topic in asked}
    degrees: dict[str, int] = {}
    for experts in answers.values():
        for expert in experts:
            degrees[str(expert.degree)] = degrees.get(str(expert.degree), 0) + 1
    return {
        "rows": {
            "topics": len(asked),
            "answered": sum(1 for experts in answers.values() if experts),
            "people_listed": sum(len(experts) for experts in answers.values()),
            "by_degree": degrees,
            "example": {
                "topic": "Photovoltaik",
                "first": [
                    {"name": e.name, "score": e.score, "evidence": [p.text for p in e.evidence]}
                    for e in who_knows(member, "Photovoltaik", limit=3)
                ],
            },
        },
        "runs": calls,
        "seed": seed,
        "figures": figures,
    }


def _summary(part: dict[str, Any]) -> str:
    rows = part["rows"]
    degrees = ", ".join(f"degree {k}: {v}" for k, v in sorted(rows["by_degree"].items()))
    return (
        f"{rows['topics']} topics, {rows['answered']} answered, "
        f"{rows['people_listed']:,} people listed ({degrees})"
    )


PART = Part(
    key="whoknows",
    module="bench.expertise",
    title="Who knows",
    failure="the who-knows figures",
    figures=_figures,
    target=targets({"whoknows": WHOKNOWS_P95_MS}),
    summary=_summary,
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
