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


def test_clusters_start_from_the_last_ones() -> None:
    import igraph as ig

    from knoten.graph.analysis import Graph as Analysed
    from knoten.graph.analysis import clusters

    # Two groups of four, joined by one link; person 18 is new since the last analysis.
    persons = [11, 12, 13, 14, 15, 16, 17, 18]
    edges = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    edges += [(4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7), (3, 4)]
    graph = Analysed(1, persons, {pk: i for i, pk in enumerate(persons)}, ig.Graph(8, edges))
    previous = {11: 1, 12: 1, 13: 1, 14: 1, 15: 0, 16: 0, 17: 0}
    found = clusters(graph, previous)
    assert found[:4] == [found[0]] * 4 and found[4:] == [found[4]] * 4
    assert found[0] != found[4]
    assert clusters(graph) == clusters(graph, {})  # no last analysis: from scratch
