"""The baselines: the same rows as the pages and the search box, fetched with hand-written SQL
on the same connection (for the officer, who sees every region, so no scope filter)."""

from django.conf import settings
from django.db import connection

from accord.partners.search import PREFIX_END, query_tokens

ORDER_BY = {
    "name": "o.sort_name, o.id",
    "-name": "o.sort_name DESC, o.id DESC",
    "country": "co.name, o.sort_name, o.id",
    "category": "c.number, o.sort_name, o.id",
    "-updated": "o.updated_at DESC, o.id DESC",
}
TOKEN_IN = (
    "o.id IN (SELECT organisation_id FROM partners_searchtoken WHERE token >= %s AND token < %s)"
)


def _where(category_id: int, q: str) -> tuple[str, list]:
    clauses, params = ["o.archived_at IS NULL", "o.category_id = %s"], [category_id]
    for word in query_tokens(q):
        clauses.append(TOKEN_IN)
        params += [word, word + PREFIX_END]
    return " AND ".join(clauses), params


def list_rows(category_id: int, sort: str, q: str) -> tuple[list, int]:
    """One page of the partner list and the total count (what the paginator shows)."""
    where, params = _where(category_id, q)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM partners_organisation o WHERE {where}", params)
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT o.id, o.name, o.acronym, o.subtype, o.city, o.status, o.updated_at,"
            " c.short_name, co.name, u.first_name, u.last_name, u.username"
            " FROM partners_organisation o"
            " JOIN strategy_partnercategory c ON c.id = o.category_id"
            " LEFT JOIN accounts_country co ON co.code = o.country_id"
            " LEFT JOIN accounts_user u ON u.id = o.owner_id"
            f" WHERE {where} ORDER BY {ORDER_BY[sort]} LIMIT {int(settings.ACCORD_PAGE_SIZE)}",
            params,
        )
        return cursor.fetchall(), total


DETAIL_QUERIES = [
    "SELECT o.*, c.short_name, c.code, co.name, r.name, u.first_name, u.last_name"
    " FROM partners_organisation o"
    " JOIN strategy_partnercategory c ON c.id = o.category_id"
    " LEFT JOIN accounts_country co ON co.code = o.country_id"
    " LEFT JOIN accounts_region r ON r.id = o.region_id"
    " LEFT JOIN accounts_user u ON u.id = o.owner_id WHERE o.id = %s",
    "SELECT id, name, kind, language FROM partners_organisationname"
    " WHERE organisation_id = %s ORDER BY id",
    "SELECT s.id, s.code, s.name FROM strategy_outcome s"
    " JOIN partners_organisation_outcomes l ON l.outcome_id = s.id"
    " WHERE l.organisation_id = %s ORDER BY s.code",
    "SELECT id, first_name, last_name, job_title, email, phone, languages, is_primary"
    " FROM partners_contact WHERE organisation_id = %s AND archived_at IS NULL"
    " ORDER BY last_name, first_name, id",
    "SELECT r.id, r.kind, r.since, r.until, r.target_id, t.name FROM partners_relationship r"
    " JOIN partners_organisation t ON t.id = r.target_id WHERE r.source_id = %s"
    " ORDER BY r.kind, r.id",
    "SELECT r.id, r.kind, r.since, r.until, r.source_id, s.name FROM partners_relationship r"
    " JOIN partners_organisation s ON s.id = r.source_id WHERE r.target_id = %s"
    " ORDER BY r.kind, r.id",
]


def detail_rows(pk: int) -> list:
    """What the organisation page's overview shows: the organisation with its category,
    country, region and owner, its other names, outcomes, contacts and relationships."""
    out = []
    with connection.cursor() as cursor:
        for sql in DETAIL_QUERIES:
            cursor.execute(sql, [pk])
            out.append(cursor.fetchall())
    return out


def search_rows(q: str, limit: int = 10) -> list:
    """The search box on the token index: the longest word's prefix range, the other words
    checked per candidate, then the organisations shown."""
    words = sorted(query_tokens(q), key=len, reverse=True)
    if not words:
        return []
    sql = (
        "SELECT t.organisation_id FROM partners_searchtoken t"
        " JOIN partners_organisation o ON o.id = t.organisation_id"
        " WHERE t.token >= %s AND t.token < %s AND o.archived_at IS NULL"
    )
    params = [words[0], words[0] + PREFIX_END]
    for word in words[1:]:
        sql += (
            " AND EXISTS (SELECT 1 FROM partners_searchtoken u WHERE u.organisation_id ="
            " t.organisation_id AND u.token >= %s AND u.token < %s)"
        )
        params += [word, word + PREFIX_END]
    sql += f" ORDER BY t.token, t.organisation_id LIMIT {limit * 3}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = list(dict.fromkeys(row[0] for row in cursor.fetchall()))[:limit]
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT o.id, o.name, o.acronym, c.short_name, co.name FROM partners_organisation o"
            " JOIN strategy_partnercategory c ON c.id = o.category_id"
            f" LEFT JOIN accounts_country co ON co.code = o.country_id WHERE o.id IN ({marks})",
            ids,
        )
        return cursor.fetchall()
