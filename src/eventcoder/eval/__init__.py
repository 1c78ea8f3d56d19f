"""Evaluation commands: score eventcoder on public corpora and print tables."""
