"""A busy database answers 503 ("busy, try again"), never a server error.

A write that waited the busy timeout for SQLite's write lock, or lost a lock or
serialization conflict on PostgreSQL, changed nothing (its transaction was rolled back);
the user may simply try again. Web pages get a short page saying so, and anything under
``/api/`` that the API's own handler did not catch gets the API's JSON.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from knoten.core.busy import BUSY_BODY, RETRY_AFTER, is_busy


class BusyDatabaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        response: HttpResponse
        if request.path_info.startswith("/api/"):
            response = JsonResponse(dict(BUSY_BODY), status=503)
        else:
            response = render(request, "web/busy.html", {"retry_after": RETRY_AFTER}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
