from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import PermissionDenied

from accord.core.errors import PermissionDeniedError


class LoginRequiredExceptApi(LoginRequiredMiddleware):
    """Login required for every page by default. The API authenticates each request itself
    (session or bearer token) and answers 401 in JSON, so it is not redirected to a login form."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DomainErrors:
    """Services raise PermissionDeniedError for "visible but not allowed"; every page answers
    it as Django's 403, so views need no wrapper of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDeniedError):
            from django.views.defaults import permission_denied

            return permission_denied(request, PermissionDenied(str(exception)))
        return None
