"""The give-and-take pages: favours and recommendations, and the return on time."""

from __future__ import annotations

from django.urls import URLPattern, path

from knoten.reciprocity import views

app_name = "reciprocity"
urlpatterns: list[URLPattern] = [
    path("favours/", views.favours, name="favours"),
    path("favours/add/", views.favour_add, name="favour_add"),
    path("favours/<int:favour_id>/edit/", views.favour_edit, name="favour_edit"),
    path("favours/<int:favour_id>/thank/", views.favour_thank, name="favour_thank"),
    path("favours/<int:favour_id>/outcome/", views.favour_outcome, name="favour_outcome"),
    path("favours/<int:favour_id>/delete/", views.favour_delete, name="favour_delete"),
    path("favours/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path(
        "favours/recommendations/<int:recommendation_id>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "favours/recommendations/<int:recommendation_id>/thank/",
        views.recommendation_thank,
        name="recommendation_thank",
    ),
    path(
        "favours/recommendations/<int:recommendation_id>/outcome/",
        views.recommendation_outcome,
        name="recommendation_outcome",
    ),
    path(
        "favours/recommendations/<int:recommendation_id>/delete/",
        views.recommendation_delete,
        name="recommendation_delete",
    ),
    path("roi/", views.roi_page, name="roi"),
    path("give-and-take/", views.overview, name="overview"),
]
