"""The registry of rows that point at an organisation, and how a merge moves them (and back).

Relations are discovered from Django's model meta, not listed by hand: every foreign key to
partners.Organisation in any installed app, hidden ones (related_name="+") and the through
tables of many-to-many fields included. So a table a later app adds moves with a merge without
touching the merge code. (HistoryEntry is generic, model label + id, not a foreign key: each
record keeps its own history.)

A relation moves by the default policy unless POLICIES says otherwise. The default moves every
row to the survivor; a row that would duplicate one of the survivor's under an unconditional
unique constraint (the same alias twice, the same outcome twice) is dropped, and its full
contents are kept in the merge log so that the undo puts it back. What the default cannot do
safely is named by `needs_policy()`: such a relation must have an entry in POLICIES, and
tests/test_merge_relations.py fails until it has one.

A moved relation is logged as {"model", "field", "ids": moved row ids, "dropped": [rows],
"changed": {id: {column: old value}}, "created": [ids of rows the merge added]}."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accord.partners import rowlog
from accord.partners.models import Contact, DuplicateCandidate, Organisation
from accord.partners.rowlog import Journal


@dataclass(frozen=True)
class Relation:
    """One foreign-key column that points at Organisation."""

    model: type[models.Model]
    field: models.ForeignKey

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    @property
    def label(self) -> str:
        policy = POLICIES.get(self.key)
        if policy and policy.label:
            return policy.label
        label = str(self.model._meta.verbose_name_plural)
        if len(_org_keys(self.model)) > 1:
            label += f" ({self.field.verbose_name})"
        return label

    @property
    def policy(self) -> "Policy":
        return POLICIES.get(self.key, DEFAULT)

    def rows(self, org_id: int) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.field.attname: org_id})


@dataclass(frozen=True)
class Policy:
    """How a merge treats one relation. `move=False` leaves the rows where they are (say why);
    `drop_if(values)` drops rows that would be meaningless once moved (a link to itself);
    `after_move(rows, survivor)` adjusts moved rows and returns {id: {column: old value}};
    `mover(relation, survivor, merged, actor, journal)` replaces the default move entirely and
    returns the log entry; `history` records the move in each row's own history."""

    move: bool = True
    why: str = ""
    label: str = ""
    drop_if: Callable[[dict], bool] | None = None
    after_move: Callable[[list, Organisation], dict] | None = None
    mover: Callable[..., dict] | None = None
    history: bool = False


DEFAULT = Policy()


# --- discovery ---


def _org_keys(model) -> list[models.ForeignKey]:
    return [
        f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Organisation
    ]


def _reverse_keys(model) -> list:
    """The foreign keys of other tables that point at `model` (hidden ones included); a
    many-to-many is reached through its through table's own foreign key."""
    return [
        rel
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and not rel.many_to_many
    ]


def discover() -> list[Relation]:
    """Every foreign key to Organisation, in every installed app."""
    found = [Relation(rel.related_model, rel.field) for rel in _reverse_keys(Organisation)]
    return sorted(found, key=lambda r: r.key)


def relation_for(key: str) -> Relation:
    for relation in discover():
        if relation.key == key:
            return relation
    raise LookupError(key)


def _names_in(condition) -> set[str] | None:
    """Field names a constraint's condition mentions; None when it cannot tell."""
    names: set[str] = set()
    for child in condition.children if isinstance(condition, Q) else [condition]:
        if isinstance(child, Q):
            inner = _names_in(child)
            if inner is None:
                return None
            names |= inner
        elif isinstance(child, tuple) and len(child) == 2:  # (lookup, value)
            names.add(child[0].split("__")[0])
            if isinstance(child[1], models.F):
                names.add(child[1].name.split("__")[0])
            elif isinstance(child[1], models.Expression):
                return None
        else:
            return None
    return names


def needs_policy(relation: Relation) -> str | None:
    """Why the default move is not safe for this relation, or None when it is."""
    model, fk = relation.model, relation.field
    if fk.unique or fk.one_to_one:
        return "one row per organisation: which one to keep is a business rule"
    if len(_org_keys(model)) > 1:
        return "several keys to Organisation: self-links and pairs need a rule"
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if constraint.expressions or (
                constraint.condition is not None and fk.name in constraint.fields
            ):
                return f"conditional or expression unique constraint {constraint.name}"
        elif isinstance(constraint, models.CheckConstraint):
            names = _names_in(constraint.condition)
            if names is None or {fk.name, fk.attname} & names:
                return f"check constraint {constraint.name} on the column"
    return None


def unique_sets(model) -> list[tuple[str, ...]]:
    """The unconditional unique column sets of a model, by column attribute name."""
    sets = [tuple(names) for names in model._meta.unique_together]
    sets += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    columns = {f.name: f.attname for f in model._meta.concrete_fields}
    return [tuple(columns.get(n, n) for n in names) for names in sets]


def _refuse_if_referenced(model, ids: list[int], label: str) -> None:
    """A duplicate row is dropped only when nothing points at it: its dependents would be
    lost with it, and an undo could not bring them back."""
    for rel in _reverse_keys(model):
        if rel.related_model._default_manager.filter(**{f"{rel.field.attname}__in": ids}).exists():
            raise ValidationError(
                f"Some {label} of the merged organisation duplicate the survivor's and have "
                f"{rel.related_model._meta.verbose_name_plural} attached: resolve them first."
            )


# --- moving ---


def _entry(relation: Relation, **parts) -> dict:
    return {"model": relation.model._meta.label_lower, "field": relation.field.name, **parts}


def _default_move(relation: Relation, survivor, merged, actor, journal: Journal) -> dict:
    model, column, policy = relation.model, relation.field.attname, relation.policy
    qs = relation.rows(merged.pk).order_by("pk")
    if policy.history:
        qs = qs.select_related(*[f.name for f in _org_keys(model)])
    rows = list(qs)
    if not rows:
        return {}
    taken = {
        names: set(relation.rows(survivor.pk).values_list(*others))
        for names in unique_sets(model)
        if column in names and (others := [n for n in names if n != column])
    }
    keep, drop = [], []
    for row in rows:
        values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
        values[column] = survivor.pk
        duplicate = any(
            tuple(values[n] for n in names if n != column) in existing
            for names, existing in taken.items()
        )
        (drop if duplicate or (policy.drop_if and policy.drop_if(values)) else keep).append(row)
    dropped = [rowlog.serialise(row) for row in drop]
    if drop:
        _refuse_if_referenced(model, [r.pk for r in drop], relation.label)
        model._default_manager.filter(pk__in=[r.pk for r in drop]).delete()
    model._default_manager.filter(pk__in=[r.pk for r in keep]).update(**{column: survivor.pk})
    changed = policy.after_move(keep, survivor) if policy.after_move and keep else {}
    if policy.history:
        move = {relation.field.name: [str(merged), str(survivor)]}
        for row in keep:
            journal.add(row, "merge", move)
        for row in drop:
            journal.add(row, "delete", {relation.field.name: [str(merged), None]})
    return _entry(
        relation,
        ids=[r.pk for r in keep],
        dropped=dropped,
        changed={str(k): v for k, v in changed.items()},
    )


def move_all(*, survivor, merged, actor, journal: Journal) -> list[dict]:
    """Move every row that points at `merged` to `survivor`; the log entries, relation by
    relation (only those that moved something)."""
    moved = []
    for relation in discover():
        policy = relation.policy
        if not policy.move:
            continue
        mover = policy.mover or _default_move
        entry = mover(relation, survivor, merged, actor, journal)
        if entry and any(entry.get(k) for k in ("ids", "dropped", "changed", "created")):
            moved.append(entry)
    return moved


def count_all(merged) -> list[tuple[str, int]]:
    """How many rows of each moving relation point at `merged` (for the merge preview)."""
    counts = []
    for relation in discover():
        if relation.policy.move:
            n = relation.rows(merged.pk).count()
            if n:
                counts.append((relation.label, n))
    return counts


def restore(entry: dict, *, survivor, merged, journal: Journal) -> None:
    """Undo one log entry: delete the rows the merge created, move the moved rows back, put
    the changed columns back and rebuild the dropped rows. Refused (ValidationError) when a
    moved row no longer points at the survivor."""
    key = f"{entry['model']}.{entry['field']}"
    try:
        relation = relation_for(key)
    except LookupError:
        raise ValidationError(f"The merge moved rows of {key}, which no longer exists.") from None
    model, column, manager = relation.model, relation.field.attname, relation.model._default_manager
    if entry.get("created"):
        manager.filter(pk__in=entry["created"], **{column: survivor.pk}).delete()
    ids = entry.get("ids") or []
    if ids:
        back = manager.filter(pk__in=ids, **{column: survivor.pk}).update(**{column: merged.pk})
        if back != len(ids):
            raise ValidationError(
                f"{len(ids) - back} of the {len(ids)} {relation.label} this merge moved were "
                f"since deleted or moved elsewhere, so they cannot be moved back."
            )
    changed = entry.get("changed") or {}
    if changed:
        objs = manager.in_bulk([int(pk) for pk in changed])
        columns: set[str] = set()
        for pk, obj in objs.items():
            values = rowlog.deserialise(model, changed[str(pk)])
            columns |= set(values)
            for name, value in values.items():
                setattr(obj, name, value)
        if objs:
            names = [f.name for f in model._meta.concrete_fields if f.attname in columns]
            manager.bulk_update(list(objs.values()), names)
    if entry.get("dropped"):
        rowlog.recreate(model, entry["dropped"])
    if relation.policy.history and (ids or entry.get("dropped")):
        pk = model._meta.pk.attname
        dropped = [row[pk] for row in entry.get("dropped") or []]
        qs = manager.filter(pk__in=[*ids, *dropped]).select_related(
            *[f.name for f in _org_keys(model)]
        )
        for row in qs:
            journal.add(row, "update", {relation.field.name: [str(survivor), str(merged)]})


# --- the special cases ---


def _self_link(values: dict) -> bool:
    return values["source_id"] == values["target_id"]


def _one_primary_contact(rows: list[Contact], survivor) -> dict:
    """The survivor keeps its own primary contact; moved ones are no longer primary."""
    primaries = [r.pk for r in rows if r.is_primary]
    others = Contact.objects.filter(
        organisation=survivor, is_primary=True, archived_at__isnull=True
    ).exclude(pk__in=[r.pk for r in rows])
    if not primaries or not others.exists():
        return {}
    Contact.objects.filter(pk__in=primaries).update(is_primary=False)
    return {pk: {"is_primary": "True"} for pk in primaries}


_PAIR_COLUMNS = ("first_id", "second_id", "status", "decided_by_id", "decided_at")


def _move_candidates(relation, survivor, merged, actor, journal) -> dict:
    """A duplicate pair is stored once, lower id first. The pair being merged is marked merged;
    pairs with a third organisation follow to the survivor (a "not a duplicate" decision still
    holds), and one the survivor already has with that organisation is dropped."""
    rows = list(DuplicateCandidate.objects.filter(Q(first=merged) | Q(second=merged)))
    pairs = set(
        DuplicateCandidate.objects.filter(Q(first=survivor) | Q(second=survivor)).values_list(
            "first_id", "second_id"
        )
    )
    changed, keep, drop = {}, [], []
    for row in rows:
        before = {k: v for k, v in rowlog.serialise(row).items() if k in _PAIR_COLUMNS}
        other = row.second_id if row.first_id == merged.pk else row.first_id
        if other == survivor.pk:
            row.status = DuplicateCandidate.Status.MERGED
            row.decided_by = actor if actor is not None and actor.is_authenticated else None
            row.decided_at = timezone.now()
        else:
            pair = tuple(sorted((survivor.pk, other)))
            if pair in pairs:
                drop.append(row)
                continue
            pairs.add(pair)
            row.first_id, row.second_id = pair
        keep.append(row)
        changed[str(row.pk)] = before
    dropped = [rowlog.serialise(row) for row in drop]
    DuplicateCandidate.objects.filter(pk__in=[r.pk for r in drop]).delete()
    DuplicateCandidate.objects.bulk_update(
        keep, ["first", "second", "status", "decided_by", "decided_at"]
    )
    return _entry(relation, ids=[], dropped=dropped, changed=changed)


POLICIES: dict[str, Policy] = {
    "diligence.screeninghit.organisation": Policy(
        why="A screening result follows the organisation it is about: the survivor now carries "
        "the merged organisation's names, so its hits (open, confirmed or dismissed) move with "
        "them; the check constraint holds, the column stays set.",
    ),
    "partners.organisation.merged_into": Policy(
        move=False,
        why="A chain of merges stays a chain: what was merged into the merged organisation "
        "stays merged into it, and each merge is undone on its own, newest first.",
    ),
    "partners.merge.survivor": Policy(move=False, why="The merge log itself."),
    "partners.merge.merged": Policy(move=False, why="The merge log itself."),
    "partners.searchtoken.organisation": Policy(
        move=False,
        why="Derived data: the survivor's tokens are rebuilt from its names; the merged "
        "organisation keeps its own (it is archived, so search skips it).",
    ),
    "partners.contact.organisation": Policy(after_move=_one_primary_contact, history=True),
    "partners.relationship.source": Policy(
        drop_if=_self_link, history=True, label="relationships from it"
    ),
    "partners.relationship.target": Policy(
        drop_if=_self_link, history=True, label="relationships to it"
    ),
    "partners.duplicatecandidate.first": Policy(
        mover=_move_candidates, label="duplicate candidates"
    ),
    "partners.duplicatecandidate.second": Policy(
        move=False, why="Moved with `first`: a pair is handled as a whole."
    ),
    "partners.organisation_outcomes.organisation": Policy(label="outcomes of interest"),
    "partners.organisationname.organisation": Policy(label="other names"),
    "accounts.user.organisation": Policy(label="portal users"),
    "knowledge.recipient.organisation": Policy(
        move=False,
        why="A record of what was sent to whom and when: it was sent to the merged "
        "organisation, and stays with it (the survivor may have received the same item).",
    ),
    "matchmaking.matchdecision.funder": Policy(
        move=False,
        why="A decision on a suggested pair as it was shown; the survivor's own suggestions "
        "are worked out afresh.",
    ),
    "matchmaking.matchdecision.implementer": Policy(
        move=False, why="As for the funder side: a decision on the pair as it was shown."
    ),
    "matchmaking.networkedge.source": Policy(
        move=False, why="Derived data: recomputed by refresh_network from the moved records."
    ),
    "matchmaking.networkedge.target": Policy(
        move=False, why="Derived data: recomputed by refresh_network from the moved records."
    ),
    "matchmaking.networkposition.organisation": Policy(
        move=False, why="Derived data: recomputed by refresh_network from the moved records."
    ),
}

__all__ = [
    "DEFAULT",
    "POLICIES",
    "Policy",
    "Relation",
    "count_all",
    "discover",
    "move_all",
    "needs_policy",
    "relation_for",
    "restore",
    "unique_sets",
]
