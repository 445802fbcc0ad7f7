"""The matchmaking app's tables."""
