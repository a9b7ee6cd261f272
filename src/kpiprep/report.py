"""What a `kpiprep validate` run reports: findings, each located and coded, and a summary."""

from __future__ import annotations

from typing import Any, NamedTuple

from kpiprep.rules import ERROR, RULES, WARNING


class Finding(NamedTuple):
    """One problem found, where it is, and which rule found it."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return RULES[self.code].severity

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


class Report(NamedTuple):
    """What a run found: how many files it read, and the findings in file and line order."""

    files: int
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return ", ".join(
            (
                count(self.files, "file"),
                count(self.errors, "error"),
                count(self.warnings, "warning"),
            )
        )

    def text(self) -> str:
        return "".join(f.format() + "\n" for f in self.findings)
