"""Accord's benchmarks and their data generator (see bench/README.md)."""
