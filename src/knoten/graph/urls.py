"""The graph's pages: introduction paths, the network drawing, multipliers and the comfort zone."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.graph import views, views_analysis, views_drawing

app_name = "graph"
urlpatterns: list[URLPattern] = [
    path("path/", views.path_page, name="path"),
    path("path/request/", views.request_page, name="path_request"),
    path("network/", views_drawing.network_page, name="network"),
    path("network/multipliers/", views_analysis.multipliers_page, name="multipliers"),
    path("network/comfort/", views_analysis.comfort_page, name="comfort"),
    path("network/comfort/goal/", views_analysis.comfort_goal, name="comfort_goal"),
]
