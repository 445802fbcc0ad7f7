"""IATI 2.03 files: UN-Habitat's organisation file and an activity file for its agreements and
joint programmes, written incrementally with lxml and checked against the official schemas and
codelists kept in `data/` (see data/SOURCES.md)."""
