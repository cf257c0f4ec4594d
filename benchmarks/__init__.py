"""Measurements of what users wait for; `make bench` runs them (python -m benchmarks)."""
