"""Running the rules: choosing them, finding plugins, collecting the report."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable

from .._relay import Relay
from ..exceptions import InvalidValueError
from ._catalogue import CATALOGUE
from ._policy import Policy
from ._report import ValidationReport
from ._rule import Context, Rule

__all__ = ["ENTRY_POINT_GROUP", "available_rules", "plugin_rules", "validate"]

ENTRY_POINT_GROUP = "torchrelay.rules"
"""The entry point group through which other packages add rules.

An entry point names a :class:`~torchrelay.Rule`, an iterable of rules, or a function
without arguments that returns either. In a ``pyproject.toml``::

    [project.entry-points."torchrelay.rules"]
    my_rules = "my_package.rules:RULES"

.. versionadded:: 0.1.0
"""


def _as_rules(value: object, name: str) -> list[Rule]:
    if callable(value) and not isinstance(value, Rule):
        value = value()
    items = [value] if isinstance(value, Rule) else value
    if not isinstance(items, Iterable):
        msg = f"entry point {name!r} in {ENTRY_POINT_GROUP!r} must give rules (got {value!r})"
        raise InvalidValueError(msg)
    found = list(items)
    for item in found:
        if not isinstance(item, Rule):
            msg = (
                f"entry point {name!r} in {ENTRY_POINT_GROUP!r} must give Rule objects "
                f"(got {type(item).__name__}: {item!r})"
            )
            raise InvalidValueError(msg)
    return found


_PLUGINS: tuple[Rule, ...] | None = None


def plugin_rules(*, refresh: bool = False) -> tuple[Rule, ...]:
    """The rules that installed packages register in the ``torchrelay.rules`` entry point group.

    Entry points are read once and kept, as reading them takes milliseconds.

    Args:
        refresh: Read them again, to see packages installed since.

    Raises:
        InvalidValueError: If an entry point gives something other than rules.

    .. versionadded:: 0.1.0
    """
    global _PLUGINS  # noqa: PLW0603 - a cache of what the environment holds
    if _PLUGINS is None or refresh:
        found: list[Rule] = []
        for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            found += _as_rules(point.load(), point.name)
        _PLUGINS = tuple(found)
    return _PLUGINS


def available_rules(*, rules: Iterable[Rule] = (), plugins: bool = True) -> tuple[Rule, ...]:
    """The built-in rules, the plugins' and *rules*, in code order.

    Raises:
        InvalidValueError: If two rules share a code.

    .. versionadded:: 0.1.0
    """
    every: list[object] = [*CATALOGUE, *(plugin_rules() if plugins else ()), *rules]
    checked: list[Rule] = []
    seen: set[str] = set()
    for rule in every:
        if not isinstance(rule, Rule):
            msg = f"'rules' must hold Rule objects (got {type(rule).__name__}: {rule!r})"
            raise InvalidValueError(msg)
        if rule.code in seen:
            msg = f"two rules have the code {rule.code!r}: codes must be unique"
            raise InvalidValueError(msg)
        seen.add(rule.code)
        checked.append(rule)
    return tuple(sorted(checked, key=lambda r: r.code))


def _prefixes(value: str | Iterable[str] | None, name: str, rules: tuple[Rule, ...]) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str) or not item:
            msg = f"'{name}' must hold rule codes or code prefixes (got {item!r})"
            raise InvalidValueError(msg)
        if not any(r.code.startswith(item) for r in rules):
            msg = f"'{name}' names {item!r}, which is no rule's code or prefix"
            raise InvalidValueError(msg)
    return items


def validate(
    relay: Relay,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    policy: Policy | None = None,
    rules: Iterable[Rule] = (),
    plugins: bool = True,
) -> ValidationReport:
    """Check a relay against every rule and report what is wrong, where, and why.

    Validation never changes or drops data: it reads the relay and reports.
    The rules are the built-in :data:`~torchrelay.validation.CATALOGUE`, those
    that installed packages register under the ``torchrelay.rules`` entry
    point group, and *rules*.

    >>> from torchrelay.datasets import sochi_2014
    >>> report = validate(sochi_2014())
    >>> report.ok
    True
    >>> report = validate(sochi_2014(), select=["TR3", "TR5"], ignore="TR303")
    >>> report.ok, len(report), report.rules[:3]
    (True, 0, ('TR301', 'TR302', 'TR304'))

    Args:
        relay: The relay to check.
        select: Run only the rules whose code starts with one of these, such
            as ``"TR1"`` or ``["TR101", "TR3"]``; ``None`` for all.
        ignore: Leave out the rules whose code starts with one of these.
        policy: The thresholds to judge by; :class:`~torchrelay.Policy` defaults if ``None``.
        rules: More rules to run, such as your own.
        plugins: Whether to run the rules of installed packages.

    Returns:
        The report: :attr:`~torchrelay.ValidationReport.ok` is true when no rule found an error.

    Raises:
        InvalidValueError: If *select* or *ignore* names no rule, two rules
            share a code, or a plugin gives something other than rules.

    .. versionadded:: 0.1.0
    """
    if not isinstance(relay, Relay):  # not unreachable for callers without type checks
        msg = f"'relay' must be a Relay (got {type(relay).__name__})"  # type: ignore[unreachable]
        raise InvalidValueError(msg)
    every = available_rules(rules=rules, plugins=plugins)
    chosen = _prefixes(select, "select", every)
    dropped = _prefixes(ignore, "ignore", every)
    running = [r for r in every if (not chosen or r.matches(chosen)) and not r.matches(dropped)]
    ctx = Context(relay, policy if policy is not None else Policy())
    findings = []
    for rule in running:
        ctx.rule = rule
        findings += list(rule.check(ctx))
    ctx.rule = None
    return ValidationReport(
        findings,
        rules=tuple(r.code for r in running),
        relay=relay.name,
        titles={r.code: r.title for r in running},
    )
