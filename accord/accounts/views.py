from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accord.accounts import selectors, services
from accord.accounts.forms import ApiTokenForm
from accord.accounts.roles import can, is_staff_role


def home(request):
    if can(request.user, "portal.self"):
        return redirect("portal:partner_home")  # a partner's home is its portal page
    if not is_staff_role(request.user) and not can(request.user, "partners.view"):
        raise PermissionDenied
    return render(request, "accounts/home.html", selectors.home_summary(user=request.user))


def api_tokens(request):
    if not can(request.user, "api.tokens"):
        raise PermissionDenied
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(request, "accounts/api_tokens.html", {
        "form": form, "new_key": new_key, "tokens": selectors.api_token_list(user=request.user),
    })


@require_POST
def api_token_revoke(request, pk: int):
    if not can(request.user, "api.tokens"):
        raise PermissionDenied
    token = get_object_or_404(selectors.api_token_list(user=request.user), pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("api_tokens")
