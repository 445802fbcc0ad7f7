"""The partners' own door: registration, their profile, expressions of interest."""
