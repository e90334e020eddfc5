"""The one NinjaAPI at ``/api/``: each app's router, authentication and error shapes.

Domain errors become JSON naming the field: :class:`InvalidInput` and
:class:`Ambiguous` are 400, :class:`NotFound` is 404. A body or parameter of the wrong
type is 400 too, naming the field; so is a body that is no JSON object (an array,
``null``), an unknown field, and a multipart upload Django cannot read. A busy
database (a lock not got in time, see :mod:`knoten.core.busy`) is 503 with
``Retry-After``, never a server error.
"""

from __future__ import annotations

import json
from typing import Any, cast

from django.db import DataError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from knoten.api.auth import BearerToken, MemberSession
from knoten.core.busy import BUSY_BODY, RETRY_AFTER, is_busy
from knoten.core.errors import Ambiguous, InvalidInput, NotFound
from knoten.core.partial_dates import PartialDate


class _Encoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, PartialDate):
            return o.isoformat()
        return super().default(o)


class _Renderer(JSONRenderer):
    encoder_class = _Encoder


_JSON_TYPES = {list: "an array", str: "a string", bool: "a boolean", int: "a number"}
_JSON_TYPES[float] = "a number"


class NotAnObject(ValueError):
    """A JSON body that is valid JSON but no object (an array, ``null``, a number…)."""

    def __init__(self, value: object) -> None:
        kind = "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)
        super().__init__(f"body: must be a JSON object, not {kind}")


class _Parser(Parser):
    """Every JSON body is an object: ninja (through the schemas' ``from_attributes``)
    would read an array or ``null`` as an object of no fields and change nothing but the
    record's ``updated_at``. (ninja also parses each field of a multipart body with
    this; that inner request has no ``REQUEST_METHOD``, and a field may be any JSON.)"""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict) and "REQUEST_METHOD" in request.META:
            raise NotAnObject(data)
        return cast(dict[str, Any], data)


# Every error answer has this shape (see the handlers below); the schema says so, and
# which statuses an operation can answer besides its own.
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "message": {"type": "string"},
        "field": {"type": "string"},
        "value": {},
        "reason": {"type": "string"},
        "candidates": {"type": "array"},
        "detail": {"anyOf": [{"type": "array"}, {"type": "string"}]},
    },
    "required": ["message"],
}
ERROR_STATUSES = {
    "400": "The input is not valid: `field` names what, `message` says why.",
    "401": "Not signed in: no valid bearer token or session.",
    "404": "Nothing of yours has this id or name.",
    "503": "The database is busy (a long import, say); nothing was changed: "
    "try again after `Retry-After` seconds.",
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers (400, 401, 404, 503) to every operation of an OpenAPI ``schema``."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description, "content": content})
    return schema


class _Api(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


api = _Api(
    title="Knoten API",
    version="1",
    description="A personal CRM for business networking. Authenticate with "
    "`Authorization: Bearer <key>` (`knoten token create`) or the web app's session.",
    auth=[BearerToken(), MemberSession()],
    renderer=_Renderer(),
    parser=_Parser(),
    urls_namespace="api",
)


def _json(request: HttpRequest, data: dict[str, Any], status: int) -> HttpResponse:
    return api.create_response(request, data, status=status)


@api.exception_handler(InvalidInput)
def _invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    value = exc.value
    try:
        json.dumps(value)
    except TypeError:
        value = str(value)
    return _json(
        request,
        {"field": exc.field, "value": value, "message": exc.message, "reason": exc.reason},
        400,
    )


@api.exception_handler(Ambiguous)
def _ambiguous(request: HttpRequest, exc: Ambiguous) -> HttpResponse:
    return _json(
        request,
        {
            "field": exc.what,
            "value": exc.query,
            "message": exc.message,
            "candidates": exc.candidates,
        },
        400,
    )


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _json(request, {"field": exc.what, "value": str(exc.query), "message": exc.message}, 404)


_TYPE_TAGS = {"str", "int", "float", "bool", "list", "dict", "none", "is-instance", "literal"}


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    # ("body", "payload", "name") or ("query", "limit"): the field is the part after
    # where it came from and what ninja calls the body.
    # A union's member adds its type to the location ("a.function-after[no_nul(), str]",
    # "participants.0.str"): the field is the input's path without those.
    names = [
        part
        for part in location[1:]
        if part != "payload" and part not in _TYPE_TAGS and "[" not in part
    ]
    field = ".".join(names) or (location[-1] if location else "")
    message = first.get("msg", "is not valid")
    return _json(
        request,
        {"field": field, "message": f"{field}: {message}", "detail": exc.errors},
        400,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own: a body that is not JSON or no object (400), and the like.
    if isinstance(exc.__cause__, NotAnObject):
        return _json(request, {"field": "body", "message": str(exc.__cause__)}, 400)
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return _json(
            request, {"field": "body", "message": "body: is not valid JSON"}, exc.status_code
        )
    return _json(request, {"message": str(exc)}, exc.status_code)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # An upload whose Content-Type has no boundary (or a broken one): Django would answer
    # its HTML 400 and log a traceback.
    return _json(
        request, {"field": "body", "message": f"body: is not a valid multipart upload ({exc})"}, 400
    )


@api.exception_handler(OverflowError)
def _overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # A number too big for the database's integers (an id of 2**63, say) that reached a
    # query: bad input, not a server error.
    return _json(request, {"field": "", "message": f"a number is out of range ({exc})"}, 400)


@api.exception_handler(DataError)
def _data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    # What the database refuses to store or compare (PostgreSQL: an integer out of range,
    # a NUL character in text) is bad input; each service should refuse it first, naming
    # the field, but none may answer 500 for it.
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "not valid"
    return _json(
        request, {"field": "", "message": f"the database refused a value: {first_line}"}, 400
    )


@api.exception_handler(OperationalError)
def _busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    # A write that waited its busy timeout for the lock (SQLite) or lost a lock or
    # serialization conflict (PostgreSQL) changed nothing; the client may simply retry.
    if not is_busy(exc):
        raise exc
    response = _json(request, dict(BUSY_BODY), 503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


@api.exception_handler(Http404)
def _http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json(request, {"message": "not found"}, 404)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json(
        request,
        {"message": "not signed in: send 'Authorization: Bearer <key>' or sign in"},
        401,
    )


def _mount() -> None:
    from knoten.dedupe.api import router as dedupe_router
    from knoten.expertise.api import router as expertise_router
    from knoten.exports.api import router as exports_router
    from knoten.graph.api import router as graph_router
    from knoten.graph.api_analysis import router as graph_analysis_router
    from knoten.graph.api_drawing import router as drawing_router
    from knoten.imports.api import router as imports_router
    from knoten.jobs.api import router as jobs_router
    from knoten.journal.api import router as journal_router
    from knoten.mailbox.api import router as mailbox_router
    from knoten.people.api import router as people_router
    from knoten.reciprocity.api import router as reciprocity_router
    from knoten.search.api import router as search_router
    from knoten.upkeep.api import router as upkeep_router

    api.add_router("/", people_router, tags=["people"])
    api.add_router("/", journal_router, tags=["journal"])
    api.add_router("/", reciprocity_router, tags=["give and take"])
    api.add_router("/", search_router, tags=["search"])
    api.add_router("/", expertise_router, tags=["who knows"])
    api.add_router("/", upkeep_router, tags=["keeping in touch"])
    api.add_router("/", graph_router, tags=["graph"])
    api.add_router("/", graph_analysis_router, tags=["multipliers and comfort zone"])
    api.add_router("/", drawing_router, tags=["graph"])
    api.add_router("/", imports_router, tags=["import"])
    api.add_router("/", jobs_router, tags=["jobs"])
    api.add_router("/", mailbox_router, tags=["mailbox"])
    api.add_router("/", dedupe_router, tags=["duplicates"])
    api.add_router("/", exports_router, tags=["export"])


_mount()


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL patterns, exempt from the login redirect: each operation checks auth."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns, app_name, namespace
