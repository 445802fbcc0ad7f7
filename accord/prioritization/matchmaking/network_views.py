"""Pages of the partnership network: the whole network (most central partners, filtered, as a
graph drawn by static/matchmaking/network.js and as a table), and the JSON the graphs load."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse

from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, varies
from accord.prioritization.matchmaking import network_selectors, permissions
from accord.prioritization.matchmaking.forms import NetworkFilterForm


def network(request):
    permissions.require_view(request.user)
    form = NetworkFilterForm(request.GET or None)
    filters = form.filters()
    shown = {k: v for k, v in vars(filters).items() if v}
    data_url = reverse("matchmaking:network_data")
    context = {
        "form": form,
        "page": paginate(
            request, network_selectors.centrality_list(user=request.user, filters=filters)
        ),
        "run": network_selectors.latest_run(),
        "cap": network_selectors.NODE_CAP,
        "data_url": f"{data_url}?{urlencode(shown)}" if shown else data_url,
    }
    return varies(
        render_page(
            request, "matchmaking/network.html", context, partial=fragment(request, "results")
        )
    )


def network_data(request):
    permissions.require_view(request.user)
    filters = NetworkFilterForm(request.GET or None).filters()
    return JsonResponse(network_selectors.whole_network(user=request.user, filters=filters))


def neighbourhood_data(request, pk: int):
    organisation = permissions.partner_for(request.user, pk)
    return JsonResponse(
        network_selectors.neighbourhood(user=request.user, organisation=organisation)
    )
