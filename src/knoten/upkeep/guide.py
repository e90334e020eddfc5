"""A new network's first steps: bring people in, log a conversation, set how often to be
in touch. The home page shows them as a short guide, each ticked when done, until all
three are."""

from __future__ import annotations

from dataclasses import dataclass

from knoten.core.models import Member
from knoten.journal.visibility import visible_interactions
from knoten.people.models import Person
from knoten.upkeep.models import Cadence

STEPS = ("import", "log", "cadences")


@dataclass(frozen=True)
class Step:
    key: str  # one of STEPS
    done: bool


@dataclass(frozen=True)
class FirstSteps:
    steps: tuple[Step, ...]

    @property
    def finished(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    def is_done(self, key: str) -> bool:
        return next(step.done for step in self.steps if step.key == key)


def first_steps(actor: Member) -> FirstSteps:
    """Which of the three first steps ``actor``'s network has taken: someone besides
    *me* is in it (imported or added), a conversation ``actor`` may see is logged, a
    cadence (for a person, a circle or an importance) is set."""
    network = actor.network_id
    people = Person.objects.filter(network_id=network).exclude(pk__in=[actor.person_id]).exists()
    logged = visible_interactions(actor).exists()
    cadences = Cadence.objects.filter(network_id=network, every_days__isnull=False).exists()
    done = {"import": people, "log": logged, "cadences": cadences}
    return FirstSteps(tuple(Step(key, done[key]) for key in STEPS))
