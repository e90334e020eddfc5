"""The keeping-in-touch pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.upkeep.views import calendar as calendar_views
from knoten.upkeep.views import due as views
from knoten.upkeep.views import overview

app_name = "upkeep"
urlpatterns: list[URLPattern] = [
    path("due/", views.due_page, name="due"),
    path("due/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("due/<int:person_id>/cadence/", views.cadence, name="cadence"),
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar_feed"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/new/", calendar_views.calendar_new, name="calendar_new"),
    path("calendar/revoke/", calendar_views.calendar_revoke, name="calendar_revoke"),
    path("today/", overview.today_page, name="today"),
    path("occasions/handled/", overview.handled, name="occasion_handled"),
]
