"""The give-and-take pages through Django's test client: the favours page with its
forms and row buttons, the return-on-time page with its charts, and the balance and
signals on the home page and a person's page.

Most tests stand on the year counted by hand (conftest.py), so the figures a page shows
are the ones counted there. Bad input comes back beside its field with status 400 and
saves nothing; another network's favour or recommendation is a 404 on every route.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from knoten.core.models import Member
from knoten.journal.models import Interaction
from knoten.people.models import Person
from knoten.people.persons import add_person
from knoten.reciprocity import services
from knoten.reciprocity.balance import monthly_balance, overall_balance
from knoten.reciprocity.charts import nice_ticks
from knoten.reciprocity.models import Favour, Recommendation
from tests.conftest import World
from tests.reciprocity.conftest import Year
from tests.web.pressing import press

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
SINCE = dt.date(2025, 11, 20)  # the signals' 12 months before the fixed today


def signed_in(member: Member, language: str = "en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(member.user)
    return client


def text_of(html: bytes) -> str:
    """The page's words without tags, spaces run together."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def favour_url(favour: Favour | int, action: str) -> str:
    pk = favour if isinstance(favour, int) else favour.pk
    return reverse(f"reciprocity:favour_{action}", kwargs={"favour_id": pk})


def recommendation_url(recommendation: Recommendation | int, action: str) -> str:
    pk = recommendation if isinstance(recommendation, int) else recommendation.pk
    return reverse(f"reciprocity:recommendation_{action}", kwargs={"recommendation_id": pk})


def person_form(person: Person, name: str) -> str:
    return reverse("web:person_form", kwargs={"person_id": person.pk, "form_name": name})


def rows_of(model: type[Favour] | type[Recommendation]) -> list[tuple[object, ...]]:
    return list(model.objects.order_by("pk").values_list())


# --- the favours page ------------------------------------------------------------------


def test_the_favours_page_lists_favours_and_recommendations(year: Year) -> None:
    answer = signed_in(year.me).get(reverse("reciprocity:favours"))
    assert answer.status_code == 200
    body = answer.content.decode()
    assert body.count('<li id="favour-') == 24
    assert body.count('<li id="recommendation-') == 4
    # Newest first: David's feedback of 6 November comes before Hans's tip of 2024.
    assert body.index("6 Nov 2026") < body.index("1 Dec 2024")
    assert "Add a favour" in body and "Add a recommendation" in body


def test_the_favours_page_filters_by_person_kind_and_thanks(year: Year) -> None:
    client = signed_in(year.me)
    hans = year.people["hans"]
    body = client.get(reverse("reciprocity:favours"), {"person": "Hans"}).content.decode()
    # Hans: Alice's tip of 2024 and his three favours to her; R4 he received.
    assert body.count('<li id="favour-') == 4
    assert body.count('<li id="recommendation-') == 1
    assert f'value="{hans.full_name}"' in body
    by_id = client.get(reverse("reciprocity:favours"), {"person": str(hans.pk)})
    assert by_id.content.decode().count('<li id="favour-') == 4
    unthanked = client.get(
        reverse("reciprocity:favours"), {"person": "Hans", "unthanked": "1"}
    ).content.decode()
    assert unthanked.count('<li id="favour-') == 2  # her tip to him and his help in September
    tips = client.get(reverse("reciprocity:favours"), {"kind": "tip"}).content.decode()
    assert tips.count('<li id="favour-') == 4
    mine = client.get(reverse("reciprocity:favours"), {"role": "beneficiary"}).content.decode()
    assert mine.count('<li id="recommendation-') == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param({"person": "Niemand"}, "person", id="unknown-person"),
        pytest.param({"since": "the day after never"}, "since", id="bad-date"),
        pytest.param({"kind": "bribe"}, "kind", id="bad-kind"),
        pytest.param({"role": "bystander"}, "role", id="bad-role"),
    ],
)
def test_a_bad_filter_is_named_beside_its_field(
    year: Year, query: dict[str, str], field: str
) -> None:
    answer = signed_in(year.me).get(reverse("reciprocity:favours"), query)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f'id="f-{field}-error"' in body
    assert f'id="f-{field}" ' in body and 'aria-invalid="true"' in body
    assert '<li id="favour-' not in body


def test_the_favours_page_pages_fifty_at_a_time(world: World) -> None:
    alice = world.alice
    anna = add_person(alice, "Anna Viel")
    for n in range(55):
        services.add_favour(alice, giver="me", receiver=anna, kind="tip", note=f"Tipp {n}")
    client = signed_in(alice)
    first = client.get(reverse("reciprocity:favours"), {"kind": "tip"}).content.decode()
    assert first.count('<li id="favour-') == 50
    assert 'href="?kind=tip&amp;page=2"' in first
    second = client.get(reverse("reciprocity:favours"), {"kind": "tip", "page": "2"})
    assert second.content.decode().count('<li id="favour-') == 5


# --- adding and editing ----------------------------------------------------------------


def test_add_a_favour_with_the_form(world: World) -> None:
    alice = world.alice
    anna = add_person(alice, "Anna Schmidt")
    client = signed_in(alice)
    form = client.get(reverse("reciprocity:favour_add"), {"receiver": anna.pk})
    assert form.status_code == 200
    assert 'value="Anna Schmidt"' in form.content.decode()
    assert 'name="giver" value="me"' in form.content.decode()
    answer = client.post(
        reverse("reciprocity:favour_add"),
        {
            "giver": "me",
            "receiver": "Anna Schmidt",
            "kind": "lead",
            "on": "yesterday",
            "value": "5.000 EUR",
            "minutes": "90",
            "note": "Ausschreibung weitergeleitet",
            "outcome": "won",
            "won_value": "12000",
            "thanked": "on",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("reciprocity:favours")
    favour = Favour.objects.get()
    assert (favour.giver_id, favour.receiver_id) == (alice.me.pk, anna.pk)
    assert (favour.kind, favour.value, favour.currency) == ("lead", Decimal(5000), "EUR")
    assert (favour.effort_minutes, favour.outcome, favour.won_value) == (90, "won", 12000)
    assert favour.thanked_on == favour.given_on
    assert favour.network_id == alice.network_id


def test_a_picked_name_wins_over_a_namesake(world: World) -> None:
    alice = world.alice
    add_person(alice, "Anna Schmidt")
    second = add_person(alice, "Anna Schmidt")
    answer = signed_in(alice).post(
        reverse("reciprocity:favour_add"),
        {
            "giver": "Anna Schmidt",
            "picked": f"{second.pk}:Anna Schmidt",
            "receiver": "me",
            "kind": "tip",
            "outcome": "open",
        },
    )
    assert answer.status_code == 302
    assert Favour.objects.get().giver_id == second.pk


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        pytest.param({"receiver": "Niemand"}, "receiver", "No one in your network", id="who"),
        pytest.param({"receiver": "me"}, "receiver", "the giver too", id="self"),
        pytest.param({"kind": "bribe"}, "kind", "bribe", id="kind"),
        pytest.param({"on": "next year"}, "on", "favour", id="future"),
        pytest.param({"minutes": "lots"}, "minutes", "whole number", id="minutes"),
        pytest.param({"value": "viel Geld"}, "value", "viel Geld", id="value"),
        pytest.param({"won_value": "3000"}, "won_value", "set the outcome to won", id="won"),
        pytest.param(
            {"outcome": "won", "won_value": "zwölf"}, "won_value", "zwölf", id="won-value"
        ),
    ],
)
def test_a_bad_favour_is_named_beside_its_field_and_nothing_is_saved(
    world: World, changes: dict[str, str], field: str, words: str
) -> None:
    alice = world.alice
    add_person(alice, "Anna Schmidt")
    data = {"giver": "me", "receiver": "Anna", "kind": "tip", "outcome": "open", **changes}
    answer = signed_in(alice).post(reverse("reciprocity:favour_add"), data)
    assert answer.status_code == 400
    body = answer.content.decode()
    error = re.search(rf'<p class="error" id="favour-{field}-error">([^<]*)</p>', body)
    assert error is not None, body
    assert words in error.group(1)
    assert body.count('class="error"') == 1
    assert Favour.objects.count() == 0
    # What was typed is kept.
    for name, value in changes.items():
        assert (
            f'value="{value}"' in body
            or f">{value}</textarea>" in body
            or name
            in (
                "kind",
                "outcome",
            )
        )


def test_edit_a_favour_and_go_back_where_it_was_opened(year: Year) -> None:
    client = signed_in(year.me)
    favour = year.favours[0]  # Alice's know-how for Anna, 60 minutes
    anna = year.people["anna"]
    back = reverse("web:person", kwargs={"person_id": anna.pk}) + "#section-favours"
    form = client.get(favour_url(favour, "edit"), {"next": back})
    body = form.content.decode()
    assert 'name="giver" value="me"' in body and 'value="Anna Schmidt"' in body
    assert 'name="minutes" value="60"' in body
    answer = client.post(
        favour_url(favour, "edit"),
        {
            "next": back,
            "giver": "me",
            "receiver": "Anna Schmidt",
            "kind": "know_how",
            "on": "",  # an emptied date keeps the day
            "value": "",
            "minutes": "75",
            "note": "Zwei Stunden am Telefon",
            "outcome": "contact_made",
            "won_value": "",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == back
    favour.refresh_from_db()
    assert (favour.effort_minutes, favour.note) == (75, "Zwei Stunden am Telefon")
    assert (favour.outcome, favour.given_on) == ("contact_made", dt.date(2026, 1, 10))
    assert favour.thanked_on is None


def test_a_next_of_another_site_is_ignored(year: Year) -> None:
    favour = year.favours[1]
    answer = signed_in(year.me).post(favour_url(favour, "thank"), {"next": "https://evil.example/"})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("reciprocity:favours")


def test_a_bad_edit_changes_nothing(year: Year) -> None:
    favour = year.favours[0]
    before = rows_of(Favour)
    answer = signed_in(year.me).post(
        favour_url(favour, "edit"),
        {"giver": "me", "receiver": "Anna", "kind": "tip", "minutes": "-5", "outcome": "open"},
    )
    assert answer.status_code == 400
    assert 'id="favour-minutes-error"' in answer.content.decode()
    assert rows_of(Favour) == before


# --- the row buttons -------------------------------------------------------------------


def test_thank_swaps_the_row_with_htmx(year: Year) -> None:
    hans_help = next(
        f for f in year.favours if f.giver_id == year.people["hans"].pk and f.kind == "help"
    )
    answer = signed_in(year.me).post(favour_url(hans_help, "thank"), headers=HTMX)
    assert answer.status_code == 200
    assert answer["HX-Trigger"] == "knoten-given"
    body = answer.content.decode()
    assert body.lstrip().startswith(f'<li id="favour-{hans_help.pk}"')
    assert "thanked 20 Nov 2026" in body
    assert "/thank/" not in body  # no second thanks
    hans_help.refresh_from_db()
    assert hans_help.thanked_on == dt.date(2026, 11, 20)


def test_the_outcome_with_the_order_won(year: Year) -> None:
    client = signed_in(year.me)
    favour = year.favours[2]  # Alice introduced Anna to someone
    answer = client.post(
        favour_url(favour, "outcome"), {"outcome": "won", "value": "7.500 EUR"}, headers=HTMX
    )
    assert answer.status_code == 200
    assert "order won (7,500.00 EUR)" in text_of(answer.content)
    favour.refresh_from_db()
    assert (favour.outcome, favour.won_value, favour.won_currency) == ("won", 7500, "EUR")
    # Another outcome clears the order's value.
    client.post(favour_url(favour, "outcome"), {"outcome": "nothing"}, headers=HTMX)
    favour.refresh_from_db()
    assert (favour.outcome, favour.won_value) == ("nothing", None)


def test_a_rows_buttons_send_the_pages_one_form_or_htmx_with_the_token_in_a_header(
    year: Year,
) -> None:
    """Issue 17's page budget: no form (and CSRF token) per row. Without JavaScript a row's
    "Thanked" and "Delete" send the page's one form to their own address; htmx sends the
    token from the page's hx-headers. Both pass Django's CSRF check."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(year.me.user)
    page = client.get("/favours/").content.decode()
    assert page.count("csrfmiddlewaretoken") == 3  # signing out, the language, the rows
    unthanked = Favour.objects.filter(network_id=year.me.network_id, thanked_on=None).first()
    assert unthanked is not None
    answer = press(client, page, "Thanked", near=favour_url(unthanked, "thank"))
    assert answer.status_code == 302 and answer["Location"] == "/favours/"
    unthanked.refresh_from_db()
    assert unthanked.thanked_on is not None
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert token is not None
    victim = Favour.objects.filter(network_id=year.me.network_id).exclude(pk=unthanked.pk)[0]
    refused = client.post(favour_url(victim, "delete"), headers=HTMX)
    assert refused.status_code == 403
    gone = client.post(favour_url(victim, "delete"), headers={**HTMX, "X-CSRFToken": token[1]})
    assert gone.status_code == 200 and not Favour.objects.filter(pk=victim.pk).exists()


def test_a_rows_outcome_form_comes_when_it_opens(year: Year) -> None:
    """Issue 17's page budget: the favours page carries no outcome form per row; a row's
    "Outcome" links to the outcome page (without JavaScript) and htmx fetches the form
    from there; the form it gets is the row's, and comes back to the page it was on."""
    client = signed_in(year.me)
    favour = year.favours[2]
    page = client.get("/favours/").content.decode()
    assert 'name="outcome"' not in page
    link = f'<a href="{favour_url(favour, "outcome")}?next=/favours/">'
    assert link in page
    part = client.get(f"{favour_url(favour, 'outcome')}?next=/people/", headers=HTMX)
    shown = part.content.decode()
    assert part.status_code == 200 and "<html" not in shown
    assert f'id="outcome-f{favour.pk}"' in shown and 'name="next" value="/people/"' in shown
    assert f'hx-post="{favour_url(favour, "outcome")}"' in shown
    whole = client.get(f"{favour_url(favour, 'outcome')}?next=/favours/").content.decode()
    assert "<html" in whole and 'name="outcome"' in whole
    r2 = year.recommendations[1]
    part = client.get(recommendation_url(r2, "outcome"), headers=HTMX).content.decode()
    assert f'id="outcome-r{r2.pk}"' in part


def test_a_bad_outcome_comes_back_in_the_row_and_changes_nothing(year: Year) -> None:
    client = signed_in(year.me)
    favour = year.favours[2]
    before = rows_of(Favour)
    answer = client.post(
        favour_url(favour, "outcome"), {"outcome": "open", "value": "3000"}, headers=HTMX
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f'id="value-f{favour.pk}-error"' in body
    assert "set the outcome to won" in body
    assert '<details class="outcome" open>' in body
    assert 'value="3000"' in body
    # Without htmx: the outcome's own page, the message beside the field.
    plain = client.post(favour_url(favour, "outcome"), {"outcome": "sideways"})
    assert plain.status_code == 400
    assert 'id="outcome-outcome-error"' in plain.content.decode()
    assert rows_of(Favour) == before


def test_delete_a_favour(year: Year) -> None:
    client = signed_in(year.me)
    favour = year.favours[3]
    gone = client.post(favour_url(favour, "delete"), headers=HTMX)
    assert (gone.status_code, gone.content) == (200, b"")
    assert not Favour.objects.filter(pk=favour.pk).exists()
    other = year.favours[4]
    plain = client.post(favour_url(other, "delete"))
    assert plain.status_code == 302
    assert not Favour.objects.filter(pk=other.pk).exists()
    assert client.post(favour_url(other, "delete")).status_code == 404  # it is gone


def test_the_buttons_need_a_post(year: Year) -> None:
    client = signed_in(year.me)
    favour = year.favours[0]
    for action in ("thank", "delete"):
        assert client.get(favour_url(favour, action)).status_code == 405
    assert client.get(favour_url(favour, "outcome")).status_code == 200


# --- recommendations -------------------------------------------------------------------


def test_add_a_recommendation_with_the_form(world: World) -> None:
    alice = world.alice
    eva = add_person(alice, "Eva Lang")
    add_person(alice, "Bernd Braun")
    client = signed_in(alice)
    page = client.get(reverse("reciprocity:recommendation_add"))
    assert 'name="recommender" value="me"' in page.content.decode()
    answer = client.post(
        reverse("reciprocity:recommendation_add"),
        {
            "recommender": "me",
            "beneficiary": "Eva",
            "recipient": "Bernd",
            "on": "2026-11-02",
            "context": "Sucht eine Steuerberaterin",
            "outcome": "open",
        },
    )
    assert answer.status_code == 302
    found = Recommendation.objects.get()
    assert (found.recommender_id, found.beneficiary_id) == (alice.me.pk, eva.pk)
    assert found.recipient.full_name == "Bernd Braun"
    assert found.context == "Sucht eine Steuerberaterin"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"recipient": "me"}, "recipient", id="recommender-twice"),
        pytest.param({"beneficiary": "Bernd"}, "beneficiary", id="recipient-twice"),
        pytest.param({"recipient": ""}, "recipient", id="missing"),
        pytest.param({"won_value": "500"}, "won_value", id="won-without-won"),
    ],
)
def test_a_bad_recommendation_is_named_beside_its_field(
    world: World, changes: dict[str, str], field: str
) -> None:
    alice = world.alice
    add_person(alice, "Eva Lang")
    add_person(alice, "Bernd Braun")
    data = {"recommender": "me", "beneficiary": "Eva", "recipient": "Bernd", "outcome": "open"}
    answer = signed_in(alice).post(reverse("reciprocity:recommendation_add"), {**data, **changes})
    assert answer.status_code == 400
    assert f'id="recommendation-{field}-error"' in answer.content.decode()
    assert Recommendation.objects.count() == 0


def test_thank_a_recommendation_by_each_side(year: Year) -> None:
    client = signed_in(year.me)
    r4 = year.recommendations[3]  # Frank recommended Alice to Hans; nobody thanked
    answer = client.post(recommendation_url(r4, "thank"), {"by": "recipient"}, headers=HTMX)
    assert answer.status_code == 200
    assert "recipient thanked 20 Nov 2026" in text_of(answer.content)
    assert "Beneficiary thanked" in answer.content.decode()  # that button stays
    r4.refresh_from_db()
    assert (r4.recipient_thanked_on, r4.beneficiary_thanked_on) == (dt.date(2026, 11, 20), None)
    wrong = client.post(recommendation_url(r4, "thank"), {"by": "bystander"}, headers=HTMX)
    assert wrong.status_code == 400
    assert "is not beneficiary or recipient" in wrong.content.decode()
    r4.refresh_from_db()
    assert r4.beneficiary_thanked_on is None


def test_edit_and_outcome_of_a_recommendation(year: Year) -> None:
    client = signed_in(year.me)
    r2 = year.recommendations[1]  # Frank recommended Clara to Alice
    page = client.get(recommendation_url(r2, "edit")).content.decode()
    assert 'name="recipient" value="me"' in page and 'value="Frank Roth"' in page
    answer = client.post(
        recommendation_url(r2, "edit"),
        {
            "recommender": "Frank",
            "beneficiary": "Clara",
            "recipient": "me",
            "on": "2026-05-15",
            "context": "Cloud-Projekt",
            "outcome": "meeting held",
        },
    )
    assert answer.status_code == 302
    r2.refresh_from_db()
    assert (r2.context, r2.outcome) == ("Cloud-Projekt", "meeting_held")
    won = client.post(recommendation_url(r2, "outcome"), {"outcome": "won", "value": "900"})
    assert won.status_code == 302
    r2.refresh_from_db()
    assert (r2.outcome, r2.won_value) == ("won", 900)
    gone = client.post(recommendation_url(r2, "delete"), headers=HTMX)
    assert gone.status_code == 200
    assert not Recommendation.objects.filter(pk=r2.pk).exists()


# --- another network -------------------------------------------------------------------


def test_another_networks_favours_and_recommendations_are_404(year: Year, world: World) -> None:
    bob = signed_in(world.bob)
    favour, recommendation = year.favours[0], year.recommendations[0]
    favours_before, recommendations_before = rows_of(Favour), rows_of(Recommendation)
    data = {"outcome": "won", "value": "1", "by": "recipient", "giver": "me", "kind": "tip"}
    for action in ("edit", "thank", "outcome", "delete"):
        for headers in ({}, HTMX):
            assert bob.get(favour_url(favour, action), headers=headers).status_code in (404, 405)
            assert bob.post(favour_url(favour, action), data, headers=headers).status_code == 404
            url = recommendation_url(recommendation, action)
            assert bob.get(url, headers=headers).status_code in (404, 405)
            assert bob.post(url, data, headers=headers).status_code == 404
    # His own lists show nothing of hers, even asked for her people.
    listed = bob.get(reverse("reciprocity:favours"), {"person": str(year.people["anna"].pk)})
    assert listed.status_code == 400
    assert "Anna" not in listed.content.decode()
    assert '<li id="favour-' not in bob.get(reverse("reciprocity:favours")).content.decode()
    roi_page = bob.get(reverse("reciprocity:roi")).content.decode()
    for word in ("Jahrestagung", "BVMW", "Rotary", "Cloud-Messe"):
        assert word not in roi_page
    assert (rows_of(Favour), rows_of(Recommendation)) == (
        favours_before,
        recommendations_before,
    )


def test_a_form_naming_another_networks_person_saves_nothing(year: Year, world: World) -> None:
    bob = signed_in(world.bob)
    anna = year.people["anna"]
    answer = bob.post(
        reverse("reciprocity:favour_add"),
        {"giver": "me", "receiver": str(anna.pk), "kind": "tip", "outcome": "open"},
    )
    assert answer.status_code == 400
    assert 'id="favour-receiver-error"' in answer.content.decode()
    assert not Favour.objects.filter(network_id=world.bob.network_id).exists()


# --- the return on networking time -----------------------------------------------------


def test_the_roi_page_shows_the_channels_counted_by_hand(year: Year) -> None:
    answer = signed_in(year.me).get(reverse("reciprocity:roi"))
    assert answer.status_code == 200
    body = answer.content.decode()
    rows = {
        name: text_of(row.encode())
        for row in re.findall(r"<tr[^>]*>\s*<th scope=\"row\">.*?</tr>", body, re.S)
        for name in ("Cloud-Messe", "Rotary Club", "BVMW", "Jahrestagung")
        if f">{name}</a>" in row
    }
    # Cloud-Messe: 25 hours, 1,200 EUR, nothing came of it (a time-eater, marked).
    assert rows["Cloud-Messe"].startswith("Cloud-Messe Event 25.0 1,200.00 EUR 0 0 0 0 –")
    assert re.search(r'<tr class="barren">\s*<th scope="row"><a href="[^"]+">Cloud-Messe', body)
    # Rotary: 30 hours, 600 EUR and Alice's 45 minutes of help for Greta (met there in
    # 2024), who did her a favour and made R3, won: 2 results, 15.4 hours each.
    assert rows["Rotary Club"] == (
        "Rotary Club Organisation member 30.8 600.00 EUR 0 1 1 1 15,000.00 EUR 15.4"
    )
    assert '<svg class="chart bars"' in body and '<svg class="chart scatter"' in body
    assert "From 20 Nov 2025 to 20 Nov 2026." in text_of(answer.content)


def test_the_roi_page_by_kind_and_period(year: Year) -> None:
    client = signed_in(year.me)
    events = client.get(reverse("reciprocity:roi"), {"by": "event"}).content.decode()
    assert ">Cloud-Messe</a>" in events and ">Rotary Club</a>" not in events
    last_year = client.get(reverse("reciprocity:roi"), {"period": "last_year"})
    assert "From 1 Jan 2025 to 31 Dec 2025." in text_of(last_year.content)
    assert ">Cloud-Messe</a>" not in last_year.content.decode()
    typed = client.get(reverse("reciprocity:roi"), {"since": "2026-09-01", "until": "2026-09-30"})
    assert "From 1 Sept 2026 to 30 Sept 2026." in text_of(typed.content) or (
        "From 1 Sep 2026 to 30 Sep 2026." in text_of(typed.content)
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param({"since": "Blumenkohl"}, "since", id="bad-date"),
        pytest.param({"since": "2026-10-01", "until": "2026-09-01"}, "since", id="backwards"),
        pytest.param({"by": "planet"}, "by", id="bad-kind"),
    ],
)
def test_a_bad_period_is_named_beside_its_field(
    year: Year, query: dict[str, str], field: str
) -> None:
    answer = signed_in(year.me).get(reverse("reciprocity:roi"), query)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert f'id="roi-{field}-error"' in body
    assert "<svg" not in body


def test_the_month_chart_adds_up_to_the_balance(year: Year) -> None:
    months = monthly_balance(year.me, since=SINCE, until=dt.date(2026, 11, 20))
    assert [day for day, _ in months][:2] == [dt.date(2025, 11, 1), dt.date(2025, 12, 1)]
    assert len(months) == 13
    total = overall_balance(year.me, since=SINCE).total
    assert sum(b.given.total for _, b in months) == total.given.total == 12
    assert sum(b.received.total for _, b in months) == total.received.total == 15
    march = dict(months)[dt.date(2026, 3, 1)]
    # Bernd's lead and Clara's recommendation; Hans's know-how.
    assert (march.given.total, march.received.total) == (2, 1)
    body = signed_in(year.me).get(reverse("reciprocity:roi")).content.decode()
    chart = body[body.index('<svg class="chart bars"') : body.index("</svg>")]
    assert chart.count('<rect class="bar given"') == 13
    assert "<title>Mar: Given 2</title>" in chart
    assert "12 given, 15 received" in chart  # the description says the totals


def test_nice_ticks_are_round() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(13) == [0, 5, 10, 15]
    assert nice_ticks(240) == [0, 50, 100, 150, 200, 250]


def test_numbers_follow_the_readers_language(year: Year) -> None:
    body = text_of(signed_in(year.me, "de").get(reverse("reciprocity:roi")).content)
    assert "1.200,00 EUR" in body and "15.000,00 EUR" in body
    favours = text_of(signed_in(year.me, "de").get(reverse("reciprocity:favours")).content)
    assert "5.000,00 EUR" in favours


# --- the balance and the signals on the home page and a person's page -------------------


def test_the_home_page_shows_the_balance_and_the_signals(year: Year) -> None:
    client = signed_in(year.me)
    home = client.get(reverse("web:home")).content.decode()
    # The home page asks for them once shown (they take a moment on a large network).
    overview_url = reverse("reciprocity:overview")
    assert f'hx-get="{overview_url}" hx-trigger="load"' in home
    answer = client.get(overview_url, headers=HTMX)
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" not in body
    words = text_of(answer.content)
    flows = re.findall(r'<p class="flow-total">(\d+)</p>', body)
    assert flows == ["12", "15"]
    assert "You received 3 more than you gave." in words
    assert "you were the beneficiary in 50 % of them" in words
    # The signals counted by hand, with their numbers.
    assert "Hans Vogel did you a favour 51 days ago that you have not thanked for." in words
    assert "Frank Roth recommended you and was never thanked (31 days ago)." in words
    assert "Cloud-Messe took 25 hours in 12 months and brought nothing" in words
    # The busiest contacts: Frank and Bernd, 6 each (given, received, triangles).
    busiest = re.findall(r'<li><a href="/people/\d+/">([^<]+)</a>', body)
    assert busiest[:2] == ["Bernd Braun", "Frank Roth"]
    # Without JavaScript, a page of its own.
    assert "<html" in client.get(overview_url).content.decode()


def test_a_person_page_shows_our_balance_signals_and_rows(year: Year) -> None:
    bernd = year.people["bernd"]
    client = signed_in(year.me)
    body = client.get(reverse("web:person", kwargs={"person_id": bernd.pk})).content.decode()
    start = body.index('id="section-favours"')
    section = body[start : body.index("</section>", start)]
    assert re.findall(r'<p class="flow-total">(\d+)</p>', section) == ["3", "2"]
    assert section.count('<li id="favour-') == 4
    assert section.count('<li id="recommendation-') == 1
    assert "Add favour" in section and "Add recommendation" in section
    hans = year.people["hans"]
    page = client.get(reverse("web:person", kwargs={"person_id": hans.pk})).content.decode()
    assert "did you a favour 51 days ago" in text_of(page.encode())
    # Only the signals about him: not Frank's, nor the time-eater.
    assert "Frank Roth recommended you" not in page and "Cloud-Messe" not in page


def test_add_a_favour_from_the_person_page(year: Year) -> None:
    anna = year.people["anna"]
    client = signed_in(year.me)
    form = client.get(person_form(anna, "favour"), headers=HTMX)
    assert form.status_code == 200
    assert ">Who did whom the favour</label>" in form.content.decode()
    answer = client.post(
        person_form(anna, "favour"),
        {"direction": "got", "kind": "Tipp", "on": "2026-11-19", "outcome": "open"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert body.lstrip().startswith('<section id="section-favours"')
    favour = Favour.objects.get(giver=anna)
    assert (favour.receiver_id, favour.kind) == (year.me.me.pk, "tip")
    # Anna gave one back: the received side of the balance counts it.
    assert re.findall(r'<p class="flow-total">(\d+)</p>', body) == ["4", "1"]


def test_a_bad_favour_on_the_person_page_is_named_beside_its_field(year: Year) -> None:
    anna = year.people["anna"]
    before = rows_of(Favour)
    answer = signed_in(year.me).post(
        person_form(anna, "favour"),
        {"direction": "gave", "kind": "help", "minutes": "viele", "outcome": "open"},
        headers=HTMX,
    )
    assert answer.status_code == 400
    assert 'id="error_id_favours_minutes"' in answer.content.decode()
    answer = signed_in(year.me).post(
        person_form(anna, "favour"),
        {"direction": "gave", "kind": "help", "won_value": "100", "outcome": "open"},
        headers=HTMX,
    )
    assert answer.status_code == 400
    assert 'id="error_id_favours_won_value"' in answer.content.decode()
    assert rows_of(Favour) == before


def test_add_a_recommendation_from_the_person_page(year: Year) -> None:
    eva = year.people["eva"]
    client = signed_in(year.me)
    form = client.get(person_form(eva, "recommendation"), headers=HTMX).content.decode()
    assert 'name="recommender" value="me"' in form
    assert 'name="beneficiary" value="Eva Lang"' in form
    answer = client.post(
        person_form(eva, "recommendation"),
        {"recommender": "me", "beneficiary": "Eva Lang", "recipient": "Hans", "outcome": "open"},
        headers=HTMX,
    )
    assert answer.status_code == 200
    found = Recommendation.objects.get(beneficiary=eva, recipient=year.people["hans"])
    assert found.recommender_id == year.me.me.pk
    missing = client.post(
        person_form(eva, "recommendation"),
        {"recommender": "me", "beneficiary": "Eva Lang", "recipient": "", "outcome": "open"},
        headers=HTMX,
    )
    assert missing.status_code == 400
    assert 'id="error_id_favours_recipient"' in missing.content.decode()


def test_my_own_page_shows_the_overall_balance_without_add_buttons(year: Year) -> None:
    me = year.me.me
    body = signed_in(year.me).get(reverse("web:person", kwargs={"person_id": me.pk}))
    section = body.content.decode()
    section = section[section.index('id="section-favours"') :]
    assert re.findall(r'<p class="flow-total">(\d+)</p>', section)[:2] == ["12", "15"]
    assert "Add favour" not in section


def test_the_person_page_stays_within_its_queries(
    year: Year, django_assert_max_num_queries: object
) -> None:
    bernd = year.people["bernd"]
    client = signed_in(year.me)
    client.get(reverse("web:person", kwargs={"person_id": bernd.pk}))
    # 25, and one for the keeping-in-touch section (the standing, its snooze, the last
    # private conversation in one query).
    with django_assert_max_num_queries(27):  # type: ignore[operator]  (one: the photo)
        client.get(reverse("web:person", kwargs={"person_id": bernd.pk}))


# --- a favour noted while logging a conversation ---------------------------------------


def test_logging_a_conversation_notes_the_favours(world: World) -> None:
    alice = world.alice
    anna = add_person(alice, "Anna Schmidt")
    answer = signed_in(alice).post(
        reverse("web:log"),
        {
            "with": "Anna",
            "summary": "Lunch; sie gab mir einen Tipp",
            "on": "yesterday",
            "kind": "meeting",
            "gave": "introduction",
            "got": "tip",
        },
        headers=HTMX,
    )
    assert answer.status_code == 200
    assert "The favour is noted." in answer.content.decode()
    interaction = Interaction.objects.get()
    favours = {(f.giver_id, f.receiver_id, f.kind) for f in interaction.favours.all()}
    assert favours == {(alice.me.pk, anna.pk, "introduction"), (anna.pk, alice.me.pk, "tip")}
    assert {f.given_on for f in interaction.favours.all()} == {interaction.occurred_on}


def test_a_bad_favour_kind_while_logging_saves_nothing(world: World) -> None:
    alice = world.alice
    add_person(alice, "Anna Schmidt")
    answer = signed_in(alice).post(
        reverse("web:log"),
        {"with": "Anna", "summary": "Lunch", "kind": "meeting", "got": "bribe"},
        headers=HTMX,
    )
    assert answer.status_code == 400
    assert 'id="log-got-error"' in answer.content.decode()
    assert Interaction.objects.count() == 0 and Favour.objects.count() == 0
