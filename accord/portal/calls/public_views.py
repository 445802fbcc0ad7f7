"""The public pages: open calls and one call, readable without logging in, with a short word
on how to partner. Drafts are never shown; answered clarifications are, without who asked."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from accord.portal.calls import permissions, selectors
from accord.portal.calls.eligibility import is_open


@login_not_required
def open_calls(request):
    return render(
        request,
        "calls/public_list.html",
        {
            "calls": selectors.open_calls(),
            "is_applicant": permissions.is_applicant(request.user),
        },
    )


@login_not_required
def public_call(request, pk):
    call = selectors.public_call(pk)
    return render(
        request,
        "calls/public_call.html",
        {
            "call": call,
            "is_open": is_open(call),
            "clarifications": selectors.published_clarifications(call),
            "is_applicant": permissions.is_applicant(request.user),
        },
    )
