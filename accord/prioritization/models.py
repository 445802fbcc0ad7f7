"""The prioritization app's tables."""
