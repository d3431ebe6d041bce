"""One error tree for graphkit.

Every error a person can fix derives from :class:`GraphkitError`; the CLI turns
it into one line ``graphkit: message`` and exit code ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass


class GraphkitError(Exception):
    """Base class for errors caused by data, settings or the environment."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in the data, located at ``file:line``."""

    file: str
    line: int
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{loc}: {prefix}{self.message}"


class InvalidData(GraphkitError):
    """The data has one or more errors; ``issues`` lists them all."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.message))
        errors = [i for i in self.issues if i.severity == "error"]
        super().__init__("\n".join(str(i) for i in errors))


class ReadError(GraphkitError):
    """A file or directory could not be read (missing, binary, wrong encoding)."""

    def __init__(self, message: str, file: str = "", line: int = 0):
        self.file, self.line, self.detail = file, line, message
        super().__init__(str(Issue(file, line, message)) if file else message)

    def issue(self) -> Issue:
        return Issue(self.file, self.line, self.detail)


class SettingsError(GraphkitError):
    """An option or environment setting is wrong."""

    exit_code = 2
