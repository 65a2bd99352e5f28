"""Helpers shared by tests and benches (not tests themselves)."""
