"""Suggested connections between funders and implementers, and the decisions taken on them."""
