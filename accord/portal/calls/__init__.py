"""Calls for expression of interest and proposals: applications, clarifications, reviews
and selection."""
