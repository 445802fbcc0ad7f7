"""The bulk path of an import: new organisations written with `executemany` (COPY on
PostgreSQL), a chunk at a time, storing exactly the rows `organisation_create` stores — the
organisation (with `sort_name` and its region), its other names, its search words, its outcome
links and its `create` history entry with the same changes and batch label. 100,000 rows one
service call at a time would take many minutes; this takes seconds. The test suite checks that
both paths store the same rows.

Ids are reserved before the insert (from the sequence on PostgreSQL; past the highest id ever
given on SQLite, whose writer lock the import's transaction holds), so no id of a deleted
organisation is ever given again: history entries stay attached to one record."""

from datetime import datetime
from functools import lru_cache

import orjson
from django.db import connection
from django.db.models import JSONField

from accord.core.history import model_key
from accord.core.models import HistoryEntry
from accord.partners.models import Organisation, OrganisationName, SearchToken
from accord.partners.search import normalise, tokens_for
from accord.partners.services import ORG_FIELDS

SUPPORTED = ("sqlite", "postgresql")
_TEXT = [
    f
    for f in ORG_FIELDS
    if f not in {"category", "country", "region", "status", "owner", "resources_offered"}
]


_KEYS = orjson.OPT_NON_STR_KEYS  # json.dumps turns int keys into strings too


class Insert:
    """An INSERT of many rows into one model's table: the values are given in the order of
    `columns` (attribute names), the model's other columns get their defaults, JSON values are
    encoded as the field would. `rows()` is plain Python, `run()` talks to the database."""

    def __init__(self, model, columns: list[str]):
        meta = model._meta
        self.fields = [meta.get_field(c) for c in columns]
        others = [f for f in meta.concrete_fields if f not in self.fields and not f.primary_key]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
        self.encoded = [i for i, f in enumerate(self.fields) if isinstance(f, JSONField)]
        qn = connection.ops.quote_name
        names = ", ".join(qn(f.column) for f in [*self.fields, *others])
        marks = ", ".join(["%s"] * (len(self.fields) + len(others)))
        self.sql = f"INSERT INTO {qn(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        self.copy_sql = f"COPY {qn(meta.db_table)} ({names}) FROM STDIN"

    def rows(self, values: list[tuple]) -> list[tuple]:
        if self.encoded:
            values = [self._encode(row) for row in values]
        return [row + self.defaults for row in values] if self.defaults else values

    def _encode(self, row: tuple) -> tuple:
        """JSON values as text, which both databases take for a JSON column (SQLite stores it,
        PostgreSQL parses it): orjson writes the same document several times faster than
        json.dumps (an import encodes two per row, its history entry and its import row), and
        plain text crosses from the process that prepares the rows (core/forking.py)."""
        row = list(row)
        for i in self.encoded:
            value = row[i]
            row[i] = "[]" if value == [] else orjson.dumps(value, option=_KEYS).decode()
        return tuple(row)

    def run(self, rows: list[tuple]) -> None:
        """executemany; COPY on PostgreSQL (several times faster there)."""
        if not rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with connection.wrap_database_errors, cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)


def insert(model, columns: list[str], rows: list[tuple]) -> None:
    statement = Insert(model, columns)
    statement.run(statement.rows(rows))


def reserve_ids(model, count: int) -> list[int]:
    """`count` ids nobody has used, for rows inserted with explicit ids."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        used = cursor.fetchone()
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        top = max(used[0] if used else 0, cursor.fetchone()[0] or 0)
        # Move the counter past the reserved ids, so that a row created meanwhile by a
        # service (a chunk retried row by row) never takes one of them.
        if used:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [top + count, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, top + count]
            )
    return list(range(top + 1, top + 1 + count))


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, frozenset[str]]:
    return normalise(word), frozenset(tokens_for(word))


# Texts cleaned by the import have single ASCII spaces, and normalising or tokenising them is
# the same word by word (each character is transliterated on its own, and a space is a word
# boundary for both): so each distinct word is worked out once. The tests compare both ways.


def search_tokens(*texts: str) -> set[str]:
    """`search.tokens_for(*texts)`, word by word."""
    found: set[str] = set()
    for text in texts:
        for word in text.split(" "):
            if word:
                found |= _word(word)[1]
    return found


def sort_name(name: str) -> str:
    """`search.sort_key(name)`, word by word."""
    return " ".join(n for n in (_word(w)[0] for w in name.split(" ") if w) if n)[:300]


def create_changes(kw: dict) -> dict:
    """The changes organisation_create records: {field: [None, value]} for every value given,
    related records by their names, then the other names and the outcome codes."""
    country = kw["country"]
    related = {
        "category": str(kw["category"]),
        "country": str(country) if country else None,
        "region": str(country.region) if country else None,
        "status": "prospect",
    }
    changes = {}
    for f in ORG_FIELDS:
        value = related[f] if f in related else kw.get(f)
        if value:  # organisation_create leaves out None, "" and []
            changes[f] = [None, value]
    if kw["aliases"]:
        changes["aliases"] = [None, list(kw["aliases"])]
    if kw["outcomes"]:
        changes["outcomes"] = [None, sorted(o.code for o in kw["outcomes"])]
    return changes


def db_moment(moment: datetime):
    """A date and time as the database stores it (what a DateTimeField would send)."""
    return Organisation._meta.get_field("created_at").get_db_prep_save(moment, connection)


class Statements:
    """The five INSERTs of new organisations, built once per import."""

    def __init__(self):
        self.organisation = Insert(
            Organisation,
            [
                "id",
                "created_at",
                "updated_at",
                *_TEXT,
                "category_id",
                "country_id",
                "region_id",
                "sort_name",
            ],
        )
        self.name = Insert(OrganisationName, ["organisation_id", "name"])
        self.token = Insert(SearchToken, ["organisation_id", "token"])
        self.outcome = Insert(Organisation.outcomes.through, ["organisation_id", "outcome_id"])
        self.history = Insert(
            HistoryEntry,
            ["model", "object_id", "object_repr", "action", "changes", "actor_id", "at", "batch"],
        )

    def prepare(
        self, kwargs_list: list[dict], ids: list[int], *, actor, label: str, stamp
    ) -> list[list[tuple]]:
        """The rows of each INSERT for these organisations, in `write`'s order (plain Python
        and plain values, no database: it may run in another process); `stamp` is the
        creation time as the database stores it."""
        who = actor.pk if actor is not None and actor.is_authenticated else None
        orgs, names, tokens, links, history = [], [], [], [], []
        model = model_key(Organisation)
        for pk, kw in zip(ids, kwargs_list, strict=True):
            country = kw["country"]
            orgs.append(
                (
                    pk,
                    stamp,
                    stamp,
                    *(kw[f] for f in _TEXT),
                    kw["category"].pk,
                    country.pk if country else None,
                    country.region_id if country else None,
                    sort_name(kw["name"]),
                )
            )
            names += [(pk, alias) for alias in kw["aliases"]]
            tokens += [
                (pk, t) for t in sorted(search_tokens(kw["name"], kw["acronym"], *kw["aliases"]))
            ]
            links += [(pk, o.pk) for o in kw["outcomes"]]
            shown = f"{kw['name']} ({kw['acronym']})" if kw["acronym"] else kw["name"]
            history.append(
                (model, pk, shown[:300], "create", create_changes(kw), who, stamp, label)
            )
        return [
            statement.rows(values)
            for statement, values in zip(
                self._in_order(), (orgs, names, tokens, links, history), strict=True
            )
        ]

    def _in_order(self) -> tuple:
        return (self.organisation, self.name, self.token, self.outcome, self.history)

    def write(self, prepared: list[list[tuple]]) -> None:
        for statement, rows in zip(self._in_order(), prepared, strict=True):
            statement.run(rows)


def create_organisations(kwargs_list: list[dict], *, actor, label: str, now: datetime) -> list:
    """Insert the organisations described by organisation_create's keyword arguments (already
    validated); returns their ids, in order."""
    ids = reserve_ids(Organisation, len(kwargs_list))
    statements = Statements()
    stamp = db_moment(now)
    statements.write(statements.prepare(kwargs_list, ids, actor=actor, label=label, stamp=stamp))
    return ids
