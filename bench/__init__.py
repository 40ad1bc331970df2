"""Benchmarks and the fuzzing harness (``python -m bench``, ``python -m bench.fuzz``)."""
