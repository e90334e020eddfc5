"""URLs of the organisations, events and projects pages."""

from django.urls import URLPattern, URLResolver, path

from knoten.web import event_views, organisation_views, project_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("organisations/", organisation_views.organisations, name="organisations"),
    path("organisations/add/", organisation_views.organisation_add, name="organisation_add"),
    path(
        "organisations/<int:organisation_id>/", organisation_views.organisation, name="organisation"
    ),
    path(
        "organisations/<int:organisation_id>/edit/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:organisation_id>/delete/",
        organisation_views.organisation_delete,
        name="organisation_delete",
    ),
    path("events/", event_views.events, name="events"),
    path("events/add/", event_views.event_add, name="event_add"),
    path("events/<int:event_id>/", event_views.event, name="event"),
    path("events/<int:event_id>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:event_id>/delete/", event_views.event_delete, name="event_delete"),
    path("events/<int:event_id>/met/", event_views.event_met, name="event_met"),
    path(
        "events/<int:event_id>/attendance/", event_views.event_attendance, name="event_attendance"
    ),
    path(
        "events/<int:event_id>/attendance/remove/",
        event_views.event_attendance_remove,
        name="event_attendance_remove",
    ),
    path("projects/", project_views.projects, name="projects"),
    path("projects/add/", project_views.project_add, name="project_add"),
    path("projects/<int:project_id>/", project_views.project, name="project"),
    path("projects/<int:project_id>/edit/", project_views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/delete/", project_views.project_delete, name="project_delete"),
    path("projects/<int:project_id>/roles/", project_views.project_role, name="project_role"),
    path(
        "projects/<int:project_id>/roles/remove/",
        project_views.project_role_remove,
        name="project_role_remove",
    ),
]
