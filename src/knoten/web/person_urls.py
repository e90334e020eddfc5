"""URLs of a person's page and its in-place edits (mounted under ``people/``)."""

from django.urls import path

from knoten.web import person_views

urlpatterns = [
    path("<int:person_id>/", person_views.person_page, name="person"),
]
