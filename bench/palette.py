"""The command palette (issue 17): its answer for what is typed, timed at 100k persons.

``python -m bench.palette [--size 100k] [--runs 50]`` (and ``python -m bench --only
palette``) times, in a process of its own on the cached demo network, the palette's
answer as the browser asks it: ``GET /palette/?q=…`` through Django's whole stack
(middleware, the signed-in session, the view, JSON), and
:func:`knoten.search.suggest.quick_matches` alone, for what people type into it: three
letters of the commonest family name with an umlaut typed without it ("Mue" for
Müller), a whole family name, a given and a family name, one letter, "path to" a
name, and a command ("log"). Each figure is a median and a p95 over ``--runs`` calls
after a warm-up. Target at 100,000 persons: every answer p95 ≤ 100 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from bench.timing import Part, against

PALETTE_P95_MS = 100.0


def _figures(runs: int, seed: int) -> dict[str, Any]:
    from django.test import Client

    from bench.search import _typed_without_marks, queries
    from bench.timing import timed
    from bench.worker import bench_member
    from knoten.search.suggest import quick_matches

    member = bench_member()
    found = dict(queries(member))
    umlaut = _typed_without_marks(found["umlaut variant"])
    typed = [
        ("prefix", f"three letters, umlaut typed out ({umlaut[:3]!r})", umlaut[:3]),
        ("family", f"a family name ({found['one word']!r})", found["one word"]),
        ("full", f"given and family name ({found['two words']!r})", found["two words"]),
        ("letter", "one letter ('m')", "m"),
        ("path", f"path to … ('path to {umlaut[:4]}')", f"path to {umlaut[:4]}"),
        ("command", "a command ('log')", "log"),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member.user)

    def ask(query: str) -> Callable[[int], Any]:
        def call(_: int) -> Any:
            answer = client.get("/palette/", {"q": query})
            if answer.status_code != 200:
                raise RuntimeError(f"/palette/?q={query} answered {answer.status_code}")
            return answer.json()

        return call

    figures = [
        timed(f"http_{name}", f"GET /palette/: {label}", ask(q), runs) for name, label, q in typed
    ]
    figures.append(
        timed(
            "quick_prefix",
            "quick_matches alone, three letters",
            lambda _: quick_matches(member, umlaut[:3]),
            runs,
        )
    )
    sample = {label: ask(q)(0)["items"][:3] for _, label, q in typed}
    return {"runs": runs, "seed": seed, "figures": figures, "sample": sample}


PART = Part(
    key="palette",
    module="bench.palette",
    title="Command palette",
    failure="the palette figures",
    figures=_figures,
    target=lambda _name, p95: against(PALETTE_P95_MS, p95),  # every answer
    doc=__doc__,
)

if __name__ == "__main__":
    sys.exit(PART.main())
