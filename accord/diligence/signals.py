"""Signals of the diligence app. `list_version_loaded(sender=ListVersion, version)` is sent
after the transaction that loaded a new list version commits: screening rescreens everyone."""

from django.dispatch import Signal

list_version_loaded = Signal()
