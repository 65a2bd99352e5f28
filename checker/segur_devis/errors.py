"""Errors the user can act on. Their message is French and shown as is (CLI stderr, checker page)."""


class InputError(ValueError):
    """The input cannot be read as a quote (unreadable, encrypted or oversized file)."""
