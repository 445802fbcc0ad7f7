"""The calls app's tables."""
