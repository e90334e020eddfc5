"""The return on networking time (``/roi/``): per channel (event, organisation, circle)
the hours it took and the results it brought, with a chart of the months and a scatter
chart of the channels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from knoten.core import clock, reading
from knoten.core.errors import KnotenError
from knoten.core.models import Member
from knoten.reciprocity import charts
from knoten.reciprocity.balance import monthly_balance
from knoten.reciprocity.roi import DEFAULT_MONTHS, KINDS, Channel, Report, default_since, roi
from knoten.reciprocity.views.shown import channel_url, channel_urls, money, number
from knoten.web.kit import current_member, form_errors, shown_date

ROI_ROWS = 100  # channels in the table (the busiest); a kind or a period narrows it
CHART_POINTS = 60  # channels drawn in the scatter chart (the busiest)
PERIODS = ("3", "6", "12", "24", "year", "last_year")


def _period_choices() -> list[tuple[str, str]]:
    return [
        ("3", _("the last 3 months")),
        ("6", _("the last 6 months")),
        ("12", _("the last 12 months")),
        ("24", _("the last 24 months")),
        ("year", _("this year")),
        ("last_year", _("last year")),
    ]


def period_of(
    choice: str, since_text: str, until_text: str
) -> tuple[dt.date, dt.date, dict[str, str]]:
    """The period a reader chose: a preset, or the days typed (which win)."""
    end = clock.today()
    errors: dict[str, str] = {}
    if choice == "year":
        start = dt.date(end.year, 1, 1)
    elif choice == "last_year":
        start, end = dt.date(end.year - 1, 1, 1), dt.date(end.year - 1, 12, 31)
    else:
        start = default_since(end, int(choice)) if choice in PERIODS else default_since(end)
    for name, text in (("since", since_text), ("until", until_text)):
        if not text:
            continue
        try:
            day = reading.parse_day(text, name)
        except KnotenError as problem:
            errors.update(form_errors(problem, ("since", "until")))
            continue
        if name == "since":
            start = day
        else:
            end = day
    if not errors and start > end:
        errors["since"] = _("The period starts after it ends.")
    return start, end, errors


def _channel_row(
    channel: Channel, bases: Mapping[str, str], labels: Mapping[str, str]
) -> dict[str, Any]:
    row = channel.as_dict()
    per = channel.hours_per_result
    row.update(
        kind_label=labels[channel.kind],
        url=channel_url(bases, {"kind": channel.kind, "id": channel.id, "name": channel.name}),
        hours_shown=number(channel.hours, 1),
        money_shown=money(row["money"]),
        won_shown=money(row["won_values"]),
        per_result=number(per, 1) if per is not None else "",
        member=channel.member,
        barren=channel.results == 0 and channel.hours > 0,
        remarks=_remarks(row),
    )
    return row


def _remarks(row: Mapping[str, Any]) -> list[str]:
    """What a row shares with others: the other circles of its people, the events of an
    organisation (added up in it, or rows of their own)."""
    remarks = []
    if row["also_in"]:
        circles = ", ".join(
            ngettext("%(name)s (%(count)d person)", "%(name)s (%(count)d people)", other["people"])
            % {"name": other["name"], "count": other["people"]}
            for other in row["also_in"]
        )
        remarks.append(_("Its people are also in %(circles)s.") % {"circles": circles})
    if row["events"]:
        names = ", ".join(event["name"] for event in row["events"])
        if row["events_included"]:
            remarks.append(_("Includes its events: %(events)s.") % {"events": names})
        else:
            remarks.append(_("Its events are rows of their own: %(events)s.") % {"events": names})
    return remarks


def _total_row(report: Report) -> dict[str, Any]:
    """The total of the whole report: each record once, however many rows show it."""
    row = report.total_dict()
    per = row["hours_per_result"]
    row.update(
        hours_shown=number(report.total.hours, 1),
        money_shown=money(row["money"]),
        won_shown=money(row["won_values"]),
        per_result=number(float(per), 1) if per is not None else "",
    )
    return row


def _kind_labels() -> dict[str, str]:
    return {"event": _("Event"), "organisation": _("Organisation"), "circle": _("Circle")}


def _months_chart(member: Member, since: dt.date, until: dt.date) -> dict[str, Any]:
    months = monthly_balance(member, since=since, until=until)
    labels = [formats.date_format(day, "M") for day, _balance in months]
    years = [
        str(day.year) if index == 0 or day.month == 1 else ""
        for index, (day, _balance) in enumerate(months)
    ]
    given = [balance.given.total for _day, balance in months]
    received = [balance.received.total for _day, balance in months]
    svg = charts.bar_chart(
        labels,
        [
            charts.Series(_("Given"), "given", given),
            charts.Series(_("Received"), "received", received),
        ],
        ident="chart-months",
        title=_("Given and received per month"),
        description=_(
            "Favours and recommendations you gave and received, month by month, from "
            "%(since)s to %(until)s: %(given)s given, %(received)s received."
        )
        % {
            "since": shown_date(since),
            "until": shown_date(until),
            "given": number(sum(given)),
            "received": number(sum(received)),
        },
        years=years,
    )
    table = [
        {
            "month": formats.date_format(day, "YEAR_MONTH_FORMAT"),
            "given": balance.given.total,
            "received": balance.received.total,
        }
        for day, balance in months
    ]
    return {"svg": svg, "table": table}


def _channels_chart(rows: Sequence[dict[str, Any]], labels: Mapping[str, str]) -> Any:
    drawn = [row for row in rows if float(row["hours"]) or row["results"]][:CHART_POINTS]
    points = [
        charts.Point(
            name=row["name"],
            x=float(row["hours"]),
            y=row["results"],
            css=row["kind"],
            tip=_("%(name)s (%(kind)s): %(hours)s hours, %(results)s results")
            % {
                "name": row["name"],
                "kind": row["kind_label"],
                "hours": row["hours_shown"],
                "results": number(row["results"]),
            },
            href=row["url"],
        )
        for row in drawn
    ]
    return charts.scatter_chart(
        points,
        ident="chart-channels",
        title=_("Hours against results per channel"),
        description=_(
            "Each dot is a channel: how many hours it took (across) and how many results "
            "it brought (up). A dot far right and low is a time-eater."
        ),
        x_label=_("hours"),
        y_label=_("results"),
        legend=[(labels[kind], kind) for kind in KINDS],
    )


@require_GET
def roi_page(request: HttpRequest) -> HttpResponse:
    """The return on networking time per channel, with the two charts."""
    member = current_member(request)
    values = {
        name: request.GET.get(name, "").strip() for name in ("period", "by", "since", "until")
    }
    if values["period"] not in PERIODS:
        values["period"] = str(DEFAULT_MONTHS)
    since, until, errors = period_of(values["period"], values["since"], values["until"])
    labels = _kind_labels()
    rows: list[dict[str, Any]] = []
    more = 0
    months: dict[str, Any] = {}
    channel_chart = None
    total: dict[str, Any] | None = None
    if values["by"] and values["by"] not in KINDS:
        errors["by"] = _("Choose events, organisations or circles.")
    if not errors:
        report = roi(member, by=values["by"] or None, since=since, until=until)
        bases = channel_urls()
        rows = [_channel_row(c, bases, labels) for c in report.channels[:ROI_ROWS]]
        more = max(len(report.channels) - ROI_ROWS, 0)
        total = _total_row(report)
        months = _months_chart(member, since, until)
        channel_chart = _channels_chart(rows, labels)
    context = {
        "member": member,
        "values": values,
        "errors": errors,
        "periods": _period_choices(),
        "kinds": [(kind, labels[kind]) for kind in KINDS],
        "since_shown": shown_date(since),
        "until_shown": shown_date(until),
        "rows": rows,
        "total": total,
        "more": more,
        "months": months,
        "channel_chart": channel_chart,
        "limit": ROI_ROWS,
        "chart_points": CHART_POINTS,
    }
    return render(request, "reciprocity/roi.html", context, status=400 if errors else 200)
