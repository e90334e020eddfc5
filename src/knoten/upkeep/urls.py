"""The keeping-in-touch pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.upkeep.views import due as views
from knoten.upkeep.views import quick

app_name = "upkeep"
urlpatterns: list[URLPattern] = [
    path("due/", views.due_page, name="due"),
    path("due/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("due/<int:person_id>/cadence/", views.cadence, name="cadence"),
    path("note/", quick.note, name="note"),
]
