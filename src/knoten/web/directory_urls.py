"""URLs of the organisations, events and projects pages."""

from django.urls import URLPattern, URLResolver, path

from knoten.web import directory_views as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/add/", views.organisation_add, name="organisation_add"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path(
        "organisations/<int:organisation_id>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/delete/",
        views.organisation_delete,
        name="organisation_delete",
    ),
    path("events/", views.events, name="events"),
    path("events/add/", views.event_add, name="event_add"),
    path("events/<int:event_id>/", views.event, name="event"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/delete/", views.event_delete, name="event_delete"),
    path("events/<int:event_id>/met/", views.event_met, name="event_met"),
    path("events/<int:event_id>/attendance/", views.event_attendance, name="event_attendance"),
    path(
        "events/<int:event_id>/attendance/remove/",
        views.event_attendance_remove,
        name="event_attendance_remove",
    ),
    path("projects/", views.projects, name="projects"),
    path("projects/add/", views.project_add, name="project_add"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:project_id>/roles/", views.project_role, name="project_role"),
    path(
        "projects/<int:project_id>/roles/remove/",
        views.project_role_remove,
        name="project_role_remove",
    ),
]
