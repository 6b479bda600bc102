"""Queries over the dataset: pure functions, no printing."""
