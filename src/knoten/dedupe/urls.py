"""The dedupe app's pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.dedupe import views

app_name = "dedupe"
urlpatterns: list[URLPattern] = [
    path("", views.duplicates, name="duplicates"),
    path("merge/", views.merge, name="merge"),
    path("dismiss/", views.dismiss, name="dismiss"),
]
