"""Keys for cached funding figures that change with every write through the funding services:
the row saved last of a table (one probe of its (updated_at, id) index; two MAX() would scan
on SQLite), and the acting user's region scope (a regional focal point's figures differ)."""

from accord.accounts.roles import region_scope


def last_saved(model) -> str:
    row = model.objects.order_by("-updated_at", "-id").values_list("updated_at", "id").first()
    at, pk = row or (None, 0)
    return f"{at.timestamp() if at else 0}.{pk}"


def scope_key(user) -> str:
    scope = region_scope(user)
    return "all" if scope is None else ".".join(map(str, sorted(scope)))
