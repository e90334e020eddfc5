"""The flows a job can run, registered by the apps that own them.

The jobs app sits in the core layer, below every flow; so it does not call imports or
exports itself. Each flow app registers its job kinds in its ``AppConfig.ready()``
(``registry.register("import", run_import, "imports/job_result.html")``), and the
runner looks the kind up by name: the arrows still point one way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from knoten.core.models import Member

Progress = Callable[[int, int], None]  # (done, in all)
Runner = Callable[[Member, dict[str, Any], bytes | None, Progress], dict[str, Any]]
"""``runner(member, params, input, progress) -> result``: all or nothing, as the flow is
when called directly; a :class:`~knoten.core.errors.KnotenError` says why it failed."""


@dataclass(frozen=True)
class Flow:
    kind: str
    run: Runner
    # The template part that shows a finished job's result on the job page (it gets
    # ``job`` and ``result``).
    template: str


_flows: dict[str, Flow] = {}


def register(kind: str, run: Runner, template: str) -> None:
    """Let jobs of ``kind`` run ``run``; once, from the owning app's ``ready()``."""
    _flows[kind] = Flow(kind, run, template)


def flow(kind: str) -> Flow | None:
    return _flows.get(kind)


def kinds() -> list[str]:
    return sorted(_flows)
