"""Who may open the reports and download the files of this part of the app (the Executive
Board report, partner profiles, IATI files). Reports read other apps' data through those apps'
own doors, so a regional focal point's report holds only their region(s)' partners and
records; partner focal points and reviewers have no report at all."""

from django.core.exceptions import PermissionDenied

from accord.accounts.models import User
from accord.accounts.roles import can, region_scope


def require(user, action: str = "reports.view") -> None:
    """403 unless `user` may take `action` ("reports.view" or "reports.export")."""
    if not can(user, action):
        raise PermissionDenied(
            "You may not open reports."
            if action == "reports.view"
            else "You may not export reports."
        )


def can_export(user) -> bool:
    return can(user, "reports.export")


def can_export_organisation_file(user) -> bool:
    """The organisation file speaks for UN-Habitat as a whole (its total budget and
    expenditure), so only those who see every region may publish it."""
    return can_export(user) and region_scope(user) is None


def require_organisation_file(user) -> None:
    require(user, "reports.export")
    if not can_export_organisation_file(user):
        raise PermissionDenied(
            "The organisation file reports UN-Habitat as a whole: it is published by those "
            "who see every region."
        )


def system_reader() -> User:
    """The reader a management command acts as: someone who sees everything (whoever runs
    commands on the server already does). Never saved."""
    return User(username="accord-system", is_superuser=True, is_active=True)
