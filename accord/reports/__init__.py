"""Dashboards, exports, the Executive Board report and the IATI files. Reads only."""
