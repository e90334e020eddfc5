"""The who-knows page."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.expertise import views

app_name = "expertise"
urlpatterns: list[URLPattern] = [
    path("whoknows/", views.whoknows_page, name="whoknows"),
]
