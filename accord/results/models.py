"""The results app's tables."""
