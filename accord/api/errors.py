"""The API's error format: {"detail": "...", "errors": {field: [messages]}}, never a 500 for
bad input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accord.core.errors import ConflictError, PermissionDeniedError, errors_of


def _field_of(loc: list) -> str:
    # ninja locations look like ["body", "payload", "name"] or ["query", "page"].
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "form")]
    return ".".join(parts) or "__all__"


def install(api) -> None:
    def respond(request, status: int, detail: str, errors: dict | None = None):
        return api.create_response(
            request, {"detail": detail, "errors": errors or {}}, status=status
        )

    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_of(error.get("loc", [])), []).append(error.get("msg", ""))
        return respond(request, 422, "The request has invalid fields.", errors)

    @api.exception_handler(DjangoValidationError)
    def on_rule_error(request, exc):
        return respond(request, 400, "The request breaks a rule.", errors_of(exc))

    @api.exception_handler(ConflictError)
    def on_conflict(request, exc):
        return respond(request, 409, str(exc))

    @api.exception_handler(PermissionDeniedError)
    def on_forbidden(request, exc):
        return respond(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return respond(request, 401, "Authentication required: log in or send a bearer token.")

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return respond(request, exc.status_code, str(exc))
