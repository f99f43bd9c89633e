"""Collecting and reporting diagnostics.

Every stage appends to one :class:`Report`; nothing stops at the first
problem, so an author sees every error of a build at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Diagnostic, Source


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # informational lines for the person building

    def error(self, code: str, message: str, source: Source | None = None, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic("error", code, message, source, hint))

    def warning(self, code: str, message: str, source: Source | None = None, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic("warning", code, message, source, hint))

    def extend(self, other: "Report") -> None:
        self.diagnostics.extend(other.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        def key(d: Diagnostic):
            src = d.source or Source("", 0)
            return (src.file, src.line, d.severity, d.code, d.message)

        return sorted(self.diagnostics, key=key)

    def summary(self) -> str:
        return f"Tổng cộng: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo."
