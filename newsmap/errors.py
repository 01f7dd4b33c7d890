"""Errors that are the user's to fix: the CLI prints them as one line, never a traceback."""


class NewsmapError(Exception):
    """Base class for errors with a message meant for the user."""


class InputError(NewsmapError):
    """An article that can't be read: missing, empty, binary, too large, not text."""
