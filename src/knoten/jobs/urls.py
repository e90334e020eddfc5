"""The job pages: ``/jobs/`` and ``/jobs/<id>/``."""

from __future__ import annotations

from django.urls import path

from knoten.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.jobs_page, name="jobs"),
    path("<int:job_id>/", views.job_page, name="job"),
]
