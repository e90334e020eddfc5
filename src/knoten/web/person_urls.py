"""URLs of a person's page and its in-place edits (mounted under ``people/``)."""

from django.urls import path

from knoten.web import person_views

urlpatterns = [
    path("<int:person_id>/", person_views.person_page, name="person"),
    path(
        "<int:person_id>/sections/<slug:section>/",
        person_views.person_section,
        name="person_section",
    ),
    path(
        "<int:person_id>/edit/<slug:form_name>/",
        person_views.person_form,
        name="person_form",
    ),
    path(
        "<int:person_id>/edit/<slug:form_name>/<int:item_id>/",
        person_views.person_form,
        name="person_item_form",
    ),
    path(
        "<int:person_id>/do/<slug:action>/<int:item_id>/",
        person_views.person_action,
        name="person_action",
    ),
    path("<int:person_id>/archive/", person_views.person_archive, name="person_archive"),
    path("<int:person_id>/delete/", person_views.person_delete, name="person_delete"),
    path("<int:person_id>/export/", person_views.person_export, name="person_export"),
    path("<int:person_id>/forget/", person_views.person_forget, name="person_forget"),
    path(
        "<int:person_id>/relationships/",
        person_views.person_relationships,
        name="person_relationships",
    ),
    path(
        "<int:person_id>/conversations/",
        person_views.person_conversations,
        name="person_conversations",
    ),
]
