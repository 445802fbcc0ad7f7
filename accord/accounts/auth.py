"""Authentication for the API: a session (with CSRF on writes) or a bearer token."""

from django.utils import timezone
from ninja.security import HttpBearer

from accord.accounts.models import ApiToken
from accord.accounts.services import hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.expires_at and found.expires_at <= now:
            return None
        # Touch at most once a minute: a busy client must not turn every read into a write.
        if not found.last_used_at or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
