"""The import pages: ``/import/`` (upload and preview) and ``/import/confirm/``."""

from __future__ import annotations

from django.urls import path

from knoten.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("confirm/", views.confirm, name="confirm"),
]
