"""A Sphinx directive that renders the validation rule catalogue, so the docs cannot drift.

``.. validation-rules::``
    A summary table of every rule in :data:`torchrelay.validation.CATALOGUE`,
    then one entry a rule with its code (as a label, ``rule-tr101``, that
    ``:ref:`` reaches), title, severity, origin, rationale and reference.

``.. validation-policy::``
    A table of the fields of :class:`torchrelay.Policy` with their defaults.
"""

from __future__ import annotations

import math

import attrs
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from torchrelay_docs import GeneratedDirective

from torchrelay import Policy
from torchrelay.validation import CATALOGUE, Rule

__all__ = ["policy_rst", "rules_rst", "setup"]

_UNDERLINE = "~"


def _label(rule: Rule) -> str:
    return f"rule-{rule.code.lower()}"


def rules_rst(rules: tuple[Rule, ...] = CATALOGUE) -> list[str]:
    """The reStructuredText of the summary table and one entry a rule."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "",
        "   * - Code",
        "     - Title",
        "     - Severity",
        "     - Origin",
    ]
    for rule in rules:
        lines += [
            f"   * - :ref:`{rule.code} <{_label(rule)}>`",
            f"     - {rule.title}",
            f"     - {rule.severity.value}",
            f"     - {rule.origin.value}",
        ]
    lines.append("")
    for rule in rules:
        heading = f"{rule.code}: {rule.title}"
        lines += [
            f".. _{_label(rule)}:",
            "",
            heading,
            _UNDERLINE * len(heading),
            "",
            f":Severity: {rule.severity.value}",
            f":Origin: {rule.origin.value}",
        ]
        if rule.reference:
            lines.append(f":Source: {rule.reference}")
        lines += ["", rule.rationale, ""]
    return lines


def _default(field: attrs.Attribute[object]) -> str:
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        value: object = getattr(Policy(), field.name)
    else:
        value = field.default
    if isinstance(value, dict):
        shown = ", ".join(
            f"{getattr(k, 'value', k)}: {'unlimited' if math.isinf(v) else f'{v:g}'}"
            for k, v in value.items()
        )
        return shown or "{}"
    return "``None``" if value is None else f"``{value!r}``"


def policy_rst() -> list[str]:
    """The reStructuredText of a table of the policy's fields and defaults."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "",
        "   * - Field",
        "     - Default",
    ]
    for field in attrs.fields(Policy):
        lines += [
            f"   * - :attr:`~torchrelay.Policy.{field.name}`",
            f"     - {_default(field)}",
        ]
    return lines


class ValidationRules(GeneratedDirective):
    """Render :data:`torchrelay.validation.CATALOGUE`."""

    def lines(self) -> list[str]:
        return rules_rst()


class ValidationPolicy(GeneratedDirective):
    """Render the fields of :class:`torchrelay.Policy` with their defaults."""

    def lines(self) -> list[str]:
        return policy_rst()


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("validation-rules", ValidationRules)
    app.add_directive("validation-policy", ValidationPolicy)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
