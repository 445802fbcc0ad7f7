"""Reads of the partner registry, always through the acting user's scope."""
