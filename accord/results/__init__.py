"""Indicators, baselines, targets and measurements; the computed partnership KPIs."""
