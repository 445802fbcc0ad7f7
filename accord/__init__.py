"""Accord: partnership management that turns a partnership strategy into daily work."""
