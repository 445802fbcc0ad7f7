"""The public page and the navigation into the portal."""

import pytest
from django.urls import reverse

from accord.strategy.selectors import category_list

pytestmark = pytest.mark.django_db


def test_the_public_page_describes_how_to_partner_from_the_strategy(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    for category in category_list():
        assert category.name in body
    for name in ("portal:register", "portal:join"):
        assert f'href="{reverse(name)}"' in body
    assert reverse("login") in body


def test_the_navigation_leads_partners_and_staff_to_their_portal_pages(client, partner_a, officer):
    client.force_login(partner_a)
    body = client.get(reverse("portal:partner_home")).content.decode()
    assert f'<a href="{reverse("portal:partner_home")}">Our organisation</a>' in body
    assert f'<a href="{reverse("portal:staff_home")}">' not in body
    client.force_login(officer)
    body = client.get(reverse("portal:staff_home")).content.decode()
    assert f'<a href="{reverse("portal:staff_home")}">Portal</a>' in body
