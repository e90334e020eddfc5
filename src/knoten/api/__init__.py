"""The JSON API: one django-ninja API at ``/api/``, authenticated by token or session."""
