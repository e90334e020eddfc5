"""The mail page: ``/mail/`` (upload mail or a calendar; persons worth adding)."""

from __future__ import annotations

from django.urls import path

from knoten.mailbox import views

app_name = "mailbox"
urlpatterns = [
    path("", views.mail, name="mail"),
]
