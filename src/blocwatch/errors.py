"""Error types.  Each says what went wrong and, where there is one, how to fix it.

The CLI turns any `BlocwatchError` into one line on stderr and a non-zero exit;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class BlocwatchError(Exception):
    """Base class: `str(err)` is the one line shown to the user."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}. It's often worth trying: {self.hint}"
        return self.message


class InputError(BlocwatchError):
    """A file or record could not be read as an article."""

    def __init__(self, where: str, reason: str, *, hint: str | None = None) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}", hint=hint)


class SettingError(BlocwatchError):
    """A setting or option has a value that cannot be used."""


class StoreError(BlocwatchError):
    """The DuckDB store cannot be opened or migrated."""


class SchemaTooNewError(StoreError):
    """The store was written by a newer blocwatch than this one."""


class ModelError(BlocwatchError):
    """The spaCy pipeline named by the settings cannot be loaded."""


class ActorError(BlocwatchError):
    """An actor query (code, name, date) cannot be answered."""
