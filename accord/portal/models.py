"""The portal app's tables."""
