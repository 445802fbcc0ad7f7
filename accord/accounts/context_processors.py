from accord.accounts.roles import can, is_staff_role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "nav": {
            "staff": is_staff_role(user),
            # Partner focal points work through the portal, not the staff registry pages.
            "partners": is_staff_role(user) and can(user, "partners.view"),
            "strategy": bool(user) and can(user, "strategy.view"),
            "admin": bool(user) and can(user, "admin.site"),
        }
    }
