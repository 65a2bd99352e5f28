"""Errors the user can act on. Their message is French and shown as is (CLI stderr, checker page)."""


class InputError(ValueError):
    """The input cannot be read as a quote (unreadable, encrypted or oversized file)."""


class FieldErrors(InputError):
    """Faulty fields of a tool's form: `fields` maps each field's name to its French message."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__(" ".join(self.fields.values()))
