"""What validation found: findings with a code, a severity and a location, and the report.

A report renders as text for people and as JSON for programs. The JSON shape is
versioned (``"version": 1``) and described by a JSON Schema shipped in the
package (:func:`~torchrelay.validation.report_schema`), so that tools can rely on it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

from .._convert import Choice
from ..exceptions import Location

__all__ = [
    "REPORT_VERSION",
    "Finding",
    "Severity",
    "ValidationReport",
    "report_schema",
]

REPORT_VERSION = 1
"""The version of the report's JSON shape; it changes only when the shape does.

.. versionadded:: 0.1.0
"""


class Severity(Choice):
    """How much a finding matters.

    >>> Severity.ERROR > Severity.WARNING > Severity.INFO, Severity.ERROR >= Severity.WARNING
    (True, True)

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    """The relay is wrong: the data contradict the charter, physics or themselves."""
    WARNING = "warning"
    """Probably wrong, or missing something a relay should say."""
    INFO = "info"
    """Worth knowing, not wrong: rest days, lantern copies, sources that disagree."""

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for information."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


def _details(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})


def _json_safe(value: Any) -> Any:
    """JSON has no infinities or NaN: such figures become ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


@attrs.frozen
class Finding:
    """One thing validation found, where, and how much it matters.

    Args:
        code: The rule's stable code, such as ``TR101``.
        severity: How much it matters. Usually the rule's severity; a rule
            lowers it where its evidence is weak (times that are placeholders).
        message: What is wrong, naming the leg, person or field, in a sentence.
        location: Where it is; ``None`` for the relay as a whole.
        details: Machine-readable figures, such as ``{"gap_km": 12.5}``;
            JSON-ready values only (infinities and NaN become ``null`` in JSON).

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity = attrs.field(converter=Severity)
    message: str
    location: Location | None = attrs.field(default=None, kw_only=True)
    details: dict[str, Any] = attrs.field(
        factory=dict, converter=_details, hash=False, kw_only=True
    )

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dictionary.

        .. versionadded:: 0.1.0
        """
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": None if self.location is None else self.location.to_dict(),
            "details": _json_safe(self.details),
        }

    def __str__(self) -> str:
        where = "" if self.location is None else f"{str(self.location) or 'relay'}: "
        return f"{where}{self.code} [{self.severity.value}] {self.message}"


def _findings(values: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(values)


def _codes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class ValidationReport:
    """Everything :func:`torchrelay.validate` found in a relay.

    Args:
        findings: What was found, in the order of the rules' codes.
        rules: The codes of the rules that ran.
        relay: The relay's name.
        titles: Each code's rule title, for rendering.

    .. versionadded:: 0.1.0
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    rules: tuple[str, ...] = attrs.field(default=(), converter=_codes, kw_only=True)
    relay: str | None = attrs.field(default=None, kw_only=True)
    titles: dict[str, str] = attrs.field(factory=dict, hash=False, kw_only=True)

    @property
    def ok(self) -> bool:
        """Whether there are no errors (warnings and information are allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def by_severity(self, severity: Severity | str) -> tuple[Finding, ...]:
        """The findings of one severity.

        .. versionadded:: 0.1.0
        """
        wanted = Severity(severity)
        return tuple(f for f in self.findings if f.severity is wanted)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return self.by_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning."""
        return self.by_severity(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity info."""
        return self.by_severity(Severity.INFO)

    def codes(self) -> frozenset[str]:
        """The codes that have at least one finding.

        .. versionadded:: 0.1.0
        """
        return frozenset(f.code for f in self.findings)

    def counts(self) -> dict[str, int]:
        """How many findings of each severity, keyed ``error``, ``warning``, ``info``.

        .. versionadded:: 0.1.0
        """
        counts = dict.fromkeys((s.value for s in Severity), 0)
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Any:
        return iter(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, as :func:`~torchrelay.validation.report_schema` describes.

        .. versionadded:: 0.1.0
        """
        return {
            "version": REPORT_VERSION,
            "relay": self.relay,
            "ok": self.ok,
            "counts": self.counts(),
            "rules": list(self.rules),
            "findings": [{**f.to_dict(), "title": self.titles.get(f.code)} for f in self.findings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text (see :meth:`to_dict`).

        .. versionadded:: 0.1.0
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    def to_text(self, *, min_severity: Severity | str = Severity.INFO) -> str:
        """The report as lines of text, one a finding, then a summary line.

        Args:
            min_severity: Leave out findings less severe than this.

        .. versionadded:: 0.1.0
        """
        floor = Severity(min_severity)
        lines = [str(f) for f in self.findings if f.severity.rank >= floor.rank]
        counts = self.counts()
        verdict = "ok" if self.ok else "not ok"
        name = f"{self.relay}: " if self.relay else ""
        lines.append(
            f"{name}{verdict}: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info, from {len(self.rules)} rule(s)"
        )
        return "\n".join(lines)


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`~torchrelay.ValidationReport.to_dict`.

    >>> from torchrelay.validation import report_schema
    >>> report_schema()["properties"]["version"]["const"]
    1

    .. versionadded:: 0.1.0
    """
    text = resources.files(__package__).joinpath("report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
