"""URLs of a person's page and its in-place edits (mounted under ``people/``)."""

from django.urls import path

from knoten.web.person_views import conversations, editing, keeping, page, photo, relationships

urlpatterns = [
    path("<int:person_id>/", page.person_page, name="person"),
    path(
        "<int:person_id>/sections/<slug:section>/",
        page.person_section,
        name="person_section",
    ),
    path(
        "<int:person_id>/edit/<slug:form_name>/",
        editing.person_form,
        name="person_form",
    ),
    path(
        "<int:person_id>/edit/<slug:form_name>/<int:item_id>/",
        editing.person_form,
        name="person_item_form",
    ),
    path(
        "<int:person_id>/do/<slug:action>/<int:item_id>/",
        editing.person_action,
        name="person_action",
    ),
    path("<int:person_id>/archive/", keeping.person_archive, name="person_archive"),
    path("<int:person_id>/delete/", keeping.person_delete, name="person_delete"),
    path("<int:person_id>/export/", keeping.person_export, name="person_export"),
    path("<int:person_id>/forget/", keeping.person_forget, name="person_forget"),
    path(
        "<int:person_id>/relationships/",
        relationships.person_relationships,
        name="person_relationships",
    ),
    path(
        "<int:person_id>/conversations/",
        conversations.person_conversations,
        name="person_conversations",
    ),
    path("<int:person_id>/photo/", photo.person_photo, name="person_photo"),
]
