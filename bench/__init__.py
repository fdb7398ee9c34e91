"""Benchmarks: speed, memory and quality figures, written to docs/benchmarks.md."""
