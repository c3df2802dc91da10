"""Errors a checker can act on: each carries one line that names the problem."""


class WorkbenchError(Exception):
    """A failure with a message fit to show as one line, never a traceback."""


class InputError(WorkbenchError):
    """A file or piece of input could not be used."""


class DatabaseError(WorkbenchError):
    """The database could not be opened or used."""
