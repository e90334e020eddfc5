"""The exports app's pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.exports import views

app_name = "exports"
urlpatterns: list[URLPattern] = [
    path("", views.export_page, name="export"),
    path("download", views.download, name="download"),
]
