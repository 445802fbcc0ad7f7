"""The portal's public pages, readable without logging in: how to partner, registration of a
new organisation, a request to join a registered one, and the e-mail verification."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord.portal import permissions, registration_services, throttle
from accord.portal.forms import JoinForm, RegistrationForm
from accord.portal.models import RegistrationKind
from accord.strategy.selectors import category_list

TOO_MANY = "Too many registrations came from your network in the last hour. Please try again later."


@login_not_required
def portal_home(request):
    """Anyone: how to partner; a partner focal point: its own home; staff: the queues."""
    if permissions.is_partner_user(request.user):
        return redirect("portal:partner_home")
    if permissions.can_staff(request.user):
        return redirect("portal:staff_home")
    return how_to_partner(request)


@login_not_required
def how_to_partner(request):
    categories = category_list().only("code", "name", "short_name", "description")
    return render(request, "portal/how_to_partner.html", {"categories": categories})


def _submit(request, form_class, kind: str, template: str):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:  # answer as if it worked, store nothing
            return redirect("portal:registered")
        if not throttle.allowed(request):
            form.add_error(None, TOO_MANY)
        else:
            values = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("password_again", "nickname")
            }
            try:
                registration_services.registration_submit(
                    kind=kind,
                    verify_url=lambda token: request.build_absolute_uri(
                        reverse("portal:verify", args=[token])
                    ),
                    **values,
                )
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                return redirect("portal:registered")
    status = 400 if form.errors else 200
    return render(request, template, {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def register(request):
    return _submit(request, RegistrationForm, RegistrationKind.NEW, "portal/register.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request):
    return _submit(request, JoinForm, RegistrationKind.JOIN, "portal/join.html")


@login_not_required
def registered(request):
    return render(request, "portal/registered.html", {})


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """GET shows a button (mail scanners open links; only a person's click verifies); POST
    verifies."""
    error, registration = "", None
    try:
        registration = registration_services.registration_from_token(token)
        if request.method == "POST":
            registration = registration_services.registration_verify(token=token)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    return render(
        request,
        "portal/verify.html",
        {"error": error, "registration": registration, "token": token},
        status=400 if error else 200,
    )
