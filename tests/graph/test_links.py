"""The links of the graph: one per pair of persons, the strongest of their ties."""

from __future__ import annotations

import datetime as dt

from knoten.core import clock
from knoten.core.models import Member
from knoten.graph.adjacency import Graph
from knoten.graph.links import CURRENT_COLLEAGUES, FORMER_COLLEAGUES, colleague_links, links
from knoten.people.affiliations import add_affiliation
from knoten.people.persons import add_person


def test_colleagues_at_two_organisations_share_the_stronger_link(member: Member) -> None:
    with clock.pinned(dt.date(2026, 6, 1)):
        anna = add_person(member, "Anna Adler").pk
        bernd = add_person(member, "Bernd Berger").pk
        # Colleagues now at Solar AG, and long ago at ACME; ACME is read last.
        for person in (anna, bernd):
            add_affiliation(member, person, "Solar AG", "job", start="2024")
        for person in (anna, bernd):
            add_affiliation(member, person, "ACME GmbH", "job", start="2001", end="2005")
        pair = (min(anna, bernd), max(anna, bernd))
        assert colleague_links(member.network_id)[pair] == CURRENT_COLLEAGUES
        assert CURRENT_COLLEAGUES > FORMER_COLLEAGUES
        assert {(a, b): w for a, b, w in links(member.network_id)}[pair] == CURRENT_COLLEAGUES
        graph = Graph(member.network_id)
        graph.build()
        ids, weights = graph.neighbours(anna)
        assert list(ids) == [bernd]
        assert abs(weights[0] - CURRENT_COLLEAGUES) < 1e-6
