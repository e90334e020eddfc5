"""The keeping-in-touch pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.upkeep.views import calendar as calendar_views
from knoten.upkeep.views import drafts as draft_views
from knoten.upkeep.views import due as views
from knoten.upkeep.views import events as event_views
from knoten.upkeep.views import overview, quick, sharing

app_name = "upkeep"
urlpatterns: list[URLPattern] = [
    path("due/", views.due_page, name="due"),
    path("due/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("due/<int:person_id>/cadence/", views.cadence, name="cadence"),
    path("due/<int:person_id>/more/", views.more, name="due_more"),
    path("share/", sharing.share_page, name="share"),
    path("today/", overview.today_page, name="today"),
    path("occasions/handled/", overview.handled, name="occasion_handled"),
    path("events/<int:event_id>/prep/", event_views.prep_page, name="prep"),
    path("events/<int:event_id>/capture/", event_views.capture_page, name="capture"),
    path(
        "events/<int:event_id>/capture/suggest/",
        event_views.capture_suggest,
        name="capture_suggest",
    ),
    path("note/", quick.note, name="note"),
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar_feed"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/new/", calendar_views.calendar_new, name="calendar_new"),
    path("calendar/revoke/", calendar_views.calendar_revoke, name="calendar_revoke"),
    path("today/", overview.today_page, name="today"),
    path("occasions/handled/", overview.handled, name="occasion_handled"),
    path("people/<int:person_id>/draft/", draft_views.draft_page, name="draft"),
    path("people/<int:person_id>/draft/gender/", draft_views.gender, name="draft_gender"),
    path("people/<int:person_id>/draft/sent/", draft_views.sent, name="draft_sent"),
    path("people/<int:person_id>/draft/send/", draft_views.send, name="draft_send"),
    path("drafts/templates/", draft_views.templates_page, name="draft_templates"),
]
