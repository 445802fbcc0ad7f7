import pytest

from accord.accounts.models import Role
from accord.partners import selectors, services
from accord.partners.selectors import OrganisationFilters
from accord.partners.tests.factories import (
    ContactFactory,
    OrganisationFactory,
    RelationshipFactory,
    category,
    country,
)

pytestmark = pytest.mark.django_db


def names(qs) -> list[str]:
    return [org.name for org in qs]


def listed(user, **filters) -> list[str]:
    return names(selectors.organisation_list(user=user, filters=OrganisationFilters(**filters)))


def search(user, q) -> list[str]:
    return names(selectors.organisation_search(user=user, q=q))


@pytest.fixture
def registry(officer):
    """A small registry in several scripts, categories, countries and states."""
    orgs = {
        "bank": OrganisationFactory(
            name="Банк развития",
            category=category("development_bank"),
            country=country("RU"),
            status="active",
            outcomes=["1.1"],
        ),
        "sao": OrganisationFactory(
            name="Prefeitura de São Paulo",
            category=category("local_authority"),
            country=country("BR"),
            subtype="Municipality",
            owner=officer,
        ),
        "arab": OrganisationFactory(
            name="المعهد العربي لإنماء المدن",
            acronym="AUDI",
            country=country("SA"),
            status="dormant",
        ),
        "china": OrganisationFactory(name="联合国人居署", country=country("CN")),
        "alpha": OrganisationFactory(name="Alpha Housing Trust", aliases=["Zeta Shelter"]),
    }
    return orgs


def test_search_finds_by_word_prefix_in_latin_with_or_without_diacritics(officer, registry):
    assert search(officer, "sao") == ["Prefeitura de São Paulo"]
    assert search(officer, "São Pau") == ["Prefeitura de São Paulo"]
    assert search(officer, "PREFEI") == ["Prefeitura de São Paulo"]


def test_search_finds_cyrillic_names_in_cyrillic_and_transliterated(officer, registry):
    assert search(officer, "банк") == ["Банк развития"]
    assert search(officer, "Bank razv") == ["Банк развития"]


def test_search_finds_arabic_names_and_acronyms(officer, registry):
    assert search(officer, "المعهد") == ["المعهد العربي لإنماء المدن"]
    assert search(officer, "audi") == ["المعهد العربي لإنماء المدن"]


def test_search_finds_any_part_of_a_chinese_name(officer, registry):
    assert search(officer, "人居署") == ["联合国人居署"]
    assert search(officer, "联合国") == ["联合国人居署"]


def test_search_finds_by_alias_and_needs_every_word(officer, registry):
    assert search(officer, "zeta") == ["Alpha Housing Trust"]
    assert search(officer, "alpha shelter") == ["Alpha Housing Trust"]
    assert search(officer, "alpha bank") == []


def test_search_puts_closest_words_first_and_respects_the_limit(officer):
    OrganisationFactory(name="Cityscape Partners")
    OrganisationFactory(name="City Alliance")
    assert search(officer, "city") == ["City Alliance", "Cityscape Partners"]
    assert len(selectors.organisation_search(user=officer, q="city", limit=1)) == 1


def test_search_with_blank_query_returns_nothing(officer, registry):
    assert search(officer, "  ") == []


def test_search_hides_archived_organisations(officer, registry):
    services.organisation_archive(actor=officer, organisation=registry["alpha"])
    assert search(officer, "alpha") == []


def test_search_stays_in_the_users_scope(make_user, region, registry):
    focal = make_user(Role.REGIONAL, regions=[region])
    OrganisationFactory(name="Kenya Alpha Group", country=country("KE"))
    assert search(focal, "alpha") == ["Alpha Housing Trust", "Kenya Alpha Group"]
    assert search(focal, "sao") == []


def test_list_is_sorted_by_name_in_every_script(officer, registry):
    assert listed(officer) == [
        "Alpha Housing Trust",
        "Банк развития",
        "联合国人居署",
        "المعهد العربي لإنماء المدن",
        "Prefeitura de São Paulo",
    ]
    assert listed(officer, sort="-name")[0] == "Prefeitura de São Paulo"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"category": "development_bank"}, ["Банк развития"]),
        ({"country": "br"}, ["Prefeitura de São Paulo"]),
        ({"region": "ARAB"}, ["المعهد العربي لإنماء المدن"]),
        ({"status": "dormant"}, ["المعهد العربي لإنماء المدن"]),
        ({"outcome": "1.1"}, ["Банк развития"]),
        ({"subtype": "municipality"}, ["Prefeitura de São Paulo"]),
        ({"q": "paulo"}, ["Prefeitura de São Paulo"]),
        ({"category": "unknown"}, []),
        ({"owner": "abc"}, []),
    ],
)
def test_list_filters(officer, registry, filters, expected):
    assert listed(officer, **filters) == expected


def test_list_filters_by_owner(officer, registry):
    assert listed(officer, owner=officer.pk) == ["Prefeitura de São Paulo"]


def test_list_combines_filters_search_and_sort(officer, registry):
    OrganisationFactory(name="São Tomé Housing", country=country("BR"))
    assert listed(officer, country="BR", q="sao", sort="-name") == [
        "São Tomé Housing",
        "Prefeitura de São Paulo",
    ]


def test_list_sorts_by_country_category_and_recent_update(officer, registry):
    assert listed(officer, sort="country")[0] == "Prefeitura de São Paulo"  # BR first
    assert listed(officer, sort="category")[0] == "Prefeitura de São Paulo"  # local authority
    services.organisation_update(actor=officer, organisation=registry["bank"], city="Moscow")
    assert listed(officer, sort="-updated")[0] == "Банк развития"


def test_archived_organisations_are_hidden_unless_asked_for(officer, registry):
    services.organisation_archive(actor=officer, organisation=registry["alpha"])
    assert "Alpha Housing Trust" not in listed(officer)
    assert "Alpha Housing Trust" in listed(officer, archived=True)


def test_list_runs_the_same_queries_whatever_the_number_of_rows(
    officer, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(3, owner=officer)
    with django_assert_max_num_queries(2):
        rows = list(selectors.organisation_list(user=officer, filters=None))
        [(o.category.name, o.country.name, o.region.name, o.owner) for o in rows]
    OrganisationFactory.create_batch(10, owner=officer)
    with django_assert_max_num_queries(2):
        rows = list(selectors.organisation_list(user=officer, filters=None))
        [(o.category.name, o.country.name, o.region.name, o.owner) for o in rows]


def test_detail_brings_aliases_outcomes_contacts_and_links(officer, registry):
    alpha = registry["alpha"]
    ContactFactory(organisation=alpha)
    RelationshipFactory(source=alpha, target=registry["bank"])
    RelationshipFactory(source=registry["sao"], target=alpha, kind="partner_of")
    org = selectors.organisation_detail(user=officer, pk=alpha.pk)
    assert [n.name for n in org.names.all()] == ["Zeta Shelter"]
    assert len(org.active_contacts) == 1
    assert [r.target.name for r in org.links_out] == ["Банк развития"]
    assert [r.source.name for r in org.links_in] == ["Prefeitura de São Paulo"]


def test_detail_hides_links_to_organisations_outside_the_users_region(make_user, region, registry):
    kenyan = OrganisationFactory(name="Nairobi Forum", country=country("KE"))
    RelationshipFactory(source=kenyan, target=registry["sao"])
    focal = make_user(Role.REGIONAL, regions=[region])
    assert selectors.organisation_detail(user=focal, pk=kenyan.pk).links_out == []
    assert list(selectors.relationship_list(organisation=kenyan, user=focal)) == []
    assert len(selectors.relationship_list(organisation=kenyan)) == 1


def test_counts_by_category_and_status_within_scope(make_user, region, officer, registry):
    counts = selectors.organisation_counts(user=officer)
    assert counts["total"] == 5 and counts["scope"] == []
    by_category = {row["code"]: row["count"] for row in counts["by_category"]}
    assert by_category["civil_society"] == 3 and by_category["government"] == 0
    assert {row["code"]: row["count"] for row in counts["by_status"]}["dormant"] == 1
    focal = make_user(Role.REGIONAL, regions=[region])
    assert selectors.organisation_counts(user=focal)["scope"] == ["Africa"]
    assert selectors.organisation_counts(user=focal)["total"] == 1  # Alpha, in Kenya


def test_contact_list_filters_by_organisation_and_words(officer, registry):
    ContactFactory(organisation=registry["alpha"], first_name="Grace", last_name="Otieno")
    ContactFactory(organisation=registry["bank"], first_name="Ivan", last_name="Petrov")
    rows = selectors.contact_list(user=officer, q="grace oti")
    assert [c.last_name for c in rows] == ["Otieno"]
    rows = selectors.contact_list(user=officer, organisation=registry["bank"])
    assert [c.last_name for c in rows] == ["Petrov"]


def test_history_lists_changes_newest_first(officer, registry):
    services.organisation_update(actor=officer, organisation=registry["alpha"], city="Nairobi")
    assert [e.action for e in selectors.history(obj=registry["alpha"])] == ["update", "create"]
