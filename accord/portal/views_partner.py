"""The partner focal point's pages: its organisation, profile, contacts, expressions of
interest and the people asking to join it. Every view starts from the user's own organisation
(`require_partner`); objects come through the portal's selectors, so another organisation's
record answers 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.core.errors import ConflictError
from accord.portal import interest_services, profile_services, selectors
from accord.portal.forms import ContactForm, InterestForm, ProfileForm
from accord.portal.permissions import require_partner
from accord.portal.views_staff import decide_registration


def partner_home(request):
    return render(request, "portal/partner_home.html", selectors.partner_home(user=request.user))


def _profile_initial(org) -> dict:
    return {
        "name": org.name,
        "category": org.category.code,
        "acronym": org.acronym,
        "iati_identifier": org.iati_identifier,
        "registration_number": org.registration_number,
        "country": org.country_id or "",
        "city": org.city,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "description": org.description,
        "outcomes": list(org.outcomes.values_list("code", flat=True)),
        "resources_offered": org.resources_offered,
        "version": org.version,
    }


@require_http_methods(["GET", "POST"])
def profile_edit(request):
    org = require_partner(request.user)
    form = ProfileForm(request.POST or None, initial=_profile_initial(org))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, note = data.pop("version"), data.pop("note")
        try:
            result = profile_services.profile_update(
                actor=request.user,
                organisation=org,
                note=note,
                expected_version=version,
                **data,
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            if result["applied"]:
                messages.success(request, "Your profile is updated.")
            if result["request"]:
                messages.info(
                    request, "The change to your key details is sent to UN-Habitat for approval."
                )
            if not result["applied"] and not result["request"]:
                messages.info(request, "Nothing changed.")
            return redirect("portal:partner_home")
    return render(
        request,
        "portal/profile_form.html",
        {"form": form, "organisation": org},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def contact_edit(request, pk: int | None = None):
    org = require_partner(request.user)
    contact = selectors.own_contact(user=request.user, pk=pk) if pk else None
    initial = {f: getattr(contact, f) for f in profile_services.CONTACT_FIELDS} if contact else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_services.contact_save(
                actor=request.user, organisation=org, contact=contact, **form.cleaned_data
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, "The contact is saved.")
            return redirect("portal:partner_home")
    return render(
        request,
        "portal/contact_form.html",
        {"form": form, "contact": contact},
        status=400 if form.errors else 200,
    )


@require_POST
def contact_remove(request, pk: int):
    org = require_partner(request.user)
    contact = selectors.own_contact(user=request.user, pk=pk)
    try:
        profile_services.contact_remove(actor=request.user, organisation=org, contact=contact)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{contact.full_name} is no longer listed as a contact.")
    return redirect("portal:partner_home")


def interest_list(request):
    require_partner(request.user)
    rows = selectors.interest_list(user=request.user)
    return render(request, "portal/interest_mine.html", {"interests": rows})


@require_http_methods(["GET", "POST"])
def interest_create(request):
    require_partner(request.user)
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            eoi = interest_services.interest_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, "Thank you: your expression of interest is sent.")
            return redirect("portal:interest", pk=eoi.pk)
    return render(
        request, "portal/interest_form.html", {"form": form}, status=400 if form.errors else 200
    )


def interest_detail(request, pk: int):
    require_partner(request.user)
    eoi = selectors.interest_detail(user=request.user, pk=pk)
    return render(request, "portal/interest_detail.html", {"eoi": eoi, "staff_view": False})


@require_POST
def interest_withdraw(request, pk: int):
    require_partner(request.user)
    eoi = selectors.interest_detail(user=request.user, pk=pk)
    try:
        interest_services.interest_withdraw(actor=request.user, interest=eoi)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your expression of interest is withdrawn.")
    return redirect("portal:interest", pk=pk)


@require_POST
def join_decide(request, pk: int):
    """The focal point decides a request to join its own organisation."""
    require_partner(request.user)
    return decide_registration(request, pk, done="portal:partner_home")
