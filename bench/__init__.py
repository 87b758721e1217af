"""Load drivers and benchmarks (run with `python -m bench.<name>`)."""
