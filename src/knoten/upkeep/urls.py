"""The keeping-in-touch pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.upkeep.views import drafts as draft_views
from knoten.upkeep.views import due as views

app_name = "upkeep"
urlpatterns: list[URLPattern] = [
    path("due/", views.due_page, name="due"),
    path("due/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("due/<int:person_id>/cadence/", views.cadence, name="cadence"),
    path("people/<int:person_id>/draft/", draft_views.draft_page, name="draft"),
    path("people/<int:person_id>/draft/gender/", draft_views.gender, name="draft_gender"),
    path("people/<int:person_id>/draft/sent/", draft_views.sent, name="draft_sent"),
    path("people/<int:person_id>/draft/send/", draft_views.send, name="draft_send"),
    path("drafts/templates/", draft_views.templates_page, name="draft_templates"),
]
