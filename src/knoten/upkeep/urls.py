"""The keeping-in-touch pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.upkeep.views import due as views
from knoten.upkeep.views import overview, sharing

app_name = "upkeep"
urlpatterns: list[URLPattern] = [
    path("due/", views.due_page, name="due"),
    path("due/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("due/<int:person_id>/cadence/", views.cadence, name="cadence"),
    path("share/", sharing.share_page, name="share"),
    path("today/", overview.today_page, name="today"),
    path("occasions/handled/", overview.handled, name="occasion_handled"),
]
