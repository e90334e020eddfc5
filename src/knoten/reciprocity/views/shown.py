"""How the give-and-take pages show things: numbers, money and effort in the reader's
locale, favours and recommendations as rows, a balance, the signals, and the pages a
channel (an event, an organisation, a circle) links to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knoten.reciprocity import services as s
from knoten.reciprocity import vocabulary as v
from knoten.reciprocity.balance import Balance
from knoten.reciprocity.models import Favour, Recommendation
from knoten.reciprocity.signals import Signal
from knoten.web.kit import label, shown_date

# --- how things read: numbers, money, words --------------------------------------------


def number(value: float | Decimal, places: int = 0) -> str:
    """A number in the reader's locale, rounded half up: 1,234.5 or 1.234,5 (Django's
    number_format cuts the digits it does not show)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return str(formats.number_format(rounded, places, use_l10n=True, force_grouping=True))


def money(amounts: Mapping[str, str] | None) -> str:
    """Amounts per currency (``{"EUR": "5050.00"}``) as "5,050.00 EUR" (joined by " + ")."""
    if not amounts:
        return ""
    if "amount" in amounts:  # one amount: {"amount": …, "currency": …}
        amounts = {amounts["currency"]: amounts["amount"]}
    return " + ".join(
        f"{number(Decimal(amount), 2)} {currency}".strip()
        for currency, amount in sorted(amounts.items())
    )


def effort(minutes: int | None) -> str:
    """Minutes of effort as one reads them: "45 minutes", "2.5 hours" ("" for none)."""
    if not minutes:
        return ""
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return _("%(hours)s hours") % {"hours": number(Decimal(minutes) / 60, 1)}


# --- rows ------------------------------------------------------------------------------


def people_url() -> str:
    return reverse("web:people")


def favour_rows(favours: Iterable[Favour], me_id: int) -> list[dict[str, Any]]:
    """Each favour as the row template shows it, in the reader's language."""
    base = reverse("reciprocity:favours")
    rows = []
    for favour in favours:
        row = s.favour_as_dict(favour)
        row.update(
            url=f"{base}{favour.pk}/",
            shown=shown_date(favour.given_on),
            kind_label=label(v.FAVOUR_KINDS, favour.kind),
            outcome_label=label(v.OUTCOMES, favour.outcome),
            value_shown=money(row["value"]),
            won_shown=money(row["won_value"]),
            effort_shown=effort(favour.effort_minutes),
            thanked_shown=shown_date(favour.thanked_on),
            giver_me=favour.giver_id == me_id,
            receiver_me=favour.receiver_id == me_id,
        )
        rows.append(row)
    return rows


def recommendation_rows(
    recommendations: Iterable[Recommendation], me_id: int
) -> list[dict[str, Any]]:
    base = reverse("reciprocity:favours") + "recommendations/"
    rows = []
    for recommendation in recommendations:
        row = s.recommendation_as_dict(recommendation, me_id)
        row.update(
            url=f"{base}{recommendation.pk}/",
            shown=shown_date(recommendation.made_on),
            outcome_label=label(v.OUTCOMES, recommendation.outcome),
            won_shown=money(row["won_value"]),
            recommender_me=recommendation.recommender_id == me_id,
            recipient_me=recommendation.recipient_id == me_id,
            beneficiary_me=recommendation.beneficiary_id == me_id,
            beneficiary_thanked_shown=shown_date(recommendation.beneficiary_thanked_on),
            recipient_thanked_shown=shown_date(recommendation.recipient_thanked_on),
        )
        rows.append(row)
    return rows


# --- the balance and the signals, as the pages show them -------------------------------


def _flow_shown(flow: dict[str, Any]) -> dict[str, Any]:
    flow["kinds"] = [
        (label(v.FAVOUR_KINDS, kind), count)
        for kind, count in sorted(flow["by_kind"].items(), key=lambda item: (-item[1], item[0]))
    ]
    flow["values_shown"] = money(flow["values"])
    flow["won_shown"] = money(flow["won_values"])
    flow["effort_shown"] = effort(flow["minutes"])
    flow["last_shown"] = shown_date(flow["last"])
    return flow


def balance_shown(balance: Balance) -> dict[str, Any]:
    """A balance as the template ``reciprocity/parts.html#balance`` shows it."""
    data = balance.as_dict()
    _flow_shown(data["given"])
    _flow_shown(data["received"])
    share = balance.beneficiary_share
    data["share_shown"] = number(share * 100) if share is not None else ""
    data["since_shown"] = shown_date(balance.since)
    data["more_given"] = max(balance.difference, 0)
    data["more_received"] = max(-balance.difference, 0)
    data["roles"] = [
        (_("as recommender"), data["triangles"]["recommender"]),
        (_("as recipient"), data["triangles"]["recipient"]),
        (_("as beneficiary"), data["triangles"]["beneficiary"]),
    ]
    return data


def signal_rows(found: Sequence[Signal]) -> list[dict[str, Any]]:
    """Each signal with its message and where it points (a person or a channel)."""
    people = people_url()
    bases = channel_urls()
    rows = []
    for signal in found:
        row = signal.as_dict()
        if signal.person is not None:
            row["url"] = f"{people}{signal.person.pk}/"
        elif signal.channel:
            row["url"] = channel_url(bases, signal.channel)
        rows.append(row)
    return rows


def channel_urls() -> dict[str, str]:
    return {
        "event": reverse("web:events"),
        "organisation": reverse("web:organisations"),
        "circle": reverse("web:people"),
    }


def channel_url(bases: Mapping[str, str], channel: Mapping[str, Any]) -> str:
    if channel["kind"] == "circle":
        return f"{bases['circle']}?{urlencode({'circle': channel['name']})}"
    return f"{bases[channel['kind']]}{channel['id']}/"
