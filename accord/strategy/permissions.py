"""The guarded door for strategy pages and endpoints."""

from accord.accounts.roles import can


def can_view(user) -> bool:
    return can(user, "strategy.view")
