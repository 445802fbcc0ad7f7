"""The knowledge app's tables."""
