"""Benchmarks for a whole class at once: ``python -m benchmarks`` (``make bench``).

See ``benchmarks/__main__.py`` for the measures and ``benchmarks/load.py`` for the
bounded load test. Results go to ``benchmarks/results/`` (git-ignored).
"""
