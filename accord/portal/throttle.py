"""A small brake on automated registrations: a few submissions per address per hour (counted
in the cache), beside the form's hidden field that only bots fill in."""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def limit() -> int:
    return int(getattr(settings, "ACCORD_PORTAL_REGISTRATIONS_PER_HOUR", 10))


def _key(request) -> str:
    return f"portal:register:{request.META.get('REMOTE_ADDR', '')}"


def allowed(request) -> bool:
    """Count this submission; False once the address went over the hourly limit."""
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit()
