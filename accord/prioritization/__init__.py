"""Scoring models (versioned criteria and weights), partner scores with their breakdown, and
the partnership network."""
