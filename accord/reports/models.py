"""The reports app's tables."""
