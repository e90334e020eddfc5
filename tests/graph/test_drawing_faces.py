"""The graph page and ``GET /api/network``: the same drawing, its filters, its errors."""

from __future__ import annotations

import re

from django.test import Client

from knoten.api.tokens import create_token
from knoten.core.models import Member
from knoten.people.models import Person
from tests.api.conftest import ApiClient
from tests.graph.test_drawing import people  # the fixture

__all__ = ["people"]


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_the_page_draws_me_and_lists_the_same_people(
    member: Member, people: dict[str, Person]
) -> None:
    response = signed_in(member).get("/network/")
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    # Eight persons drawn (me, three first, four second), each a link re-centring on them.
    assert svg.count('<a href="/network/?around=') == 8
    assert f'?around={people["Anna"].pk}"' in svg and "Ida Muster" not in html
    listed = html[html.index('class="network-list"') :]
    assert re.findall(r"<li><span class=\"swatch c\d\"", listed).__len__() == 7
    assert "Gisela Muster" in listed and "through Bernd Muster" in listed
    assert "<script>" not in html and ' style="' not in html  # the CSP allows neither
    assert "graph/network.js" in html and "graph/network.css" in html


def test_the_page_keeps_its_filters_in_every_link_and_highlights_a_path(
    member: Member, people: dict[str, Person]
) -> None:
    route = ",".join(str(people[n].pk) for n in ("me", "Clara", "Hanna"))
    client = signed_in(member)
    html = client.get(
        "/network/", {"min_trust": "1", "limit": "50", "path": route}
    ).content.decode()
    assert f"/network/?around={people['Anna'].pk}&amp;min_trust=1&amp;limit=50" in html
    assert html.count('class="tie on-path"') == 2
    assert "Introduction path" in html
    around = client.get("/network/", {"around": people["Erik"].pk}).content.decode()
    assert "The network around Erik Muster" in around and "Back to me" in around


def test_bad_filters_answer_400_with_the_field_named(
    member: Member, people: dict[str, Person]
) -> None:
    client = signed_in(member)
    response = client.get("/network/", {"min_trust": "9"})
    assert response.status_code == 400
    assert 'id="network-trust-error"' in response.content.decode()
    response = client.get("/network/", {"around": "999999"})
    assert response.status_code == 400
    assert "No one in your network matches" in response.content.decode()


def test_the_api_answers_the_same_drawing(member: Member, people: dict[str, Person]) -> None:
    _, key = create_token(member, "test")
    api = ApiClient(key)
    body = api.get("/api/network").json()
    assert body["centre"] == member.me.pk
    assert [p["name"] for p in body["people"] if p["degree"] == 1] == [
        "Anna Muster",
        "Bernd Muster",
        "Clara Muster",
    ]
    assert len(body["ties"]) == 9 and len(body["view_box"]) == 4
    body = api.get("/api/network", around="Erik Muster", circle="Kunden").json()
    assert [p["name"] for p in body["people"]] == ["Erik Muster", "Anna Muster"]
    route = f"{member.me.pk},{people['Anna'].pk}"
    body = api.get("/api/network", path=route, limit=2).json()
    assert body["path"] == [member.me.pk, people["Anna"].pk]
    wrong = api.get("/api/network", min_trust=0)
    assert wrong.status_code == 400 and wrong.json()["field"] == "min_trust"
    assert api.get("/api/network", around=999999).status_code == 404


def test_the_ties_of_one_strength_are_one_path_of_segments(
    member: Member, people: dict[str, Person]
) -> None:
    """Each tie drawn once, as a segment of its strength's path (whole units; a line
    element each made a 200-person drawing heavier than its page's budget)."""
    from knoten.graph.drawing import draw_network

    drawing = draw_network(member)
    html = signed_in(member).get("/network/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<line" not in svg
    paths = re.findall(r'<path class="tie w(\d)" d="([^"]*)"/>', svg)
    assert len({strength for strength, _ in paths}) == len(paths)  # one per strength
    segments = [seg for _, d in paths for seg in re.findall(r"M-?\d+ -?\d+L-?\d+ -?\d+", d)]
    assert "".join(d for _, d in paths) == "".join(segments)
    assert len(segments) == len(drawing.ties) == 9
