"""Redaction: one walk over any model value that drops personal data, for every exporter."""

from __future__ import annotations

from typing import Any

import attrs

from ._extras import Extras, is_personal_key
from ._people import PSEUDONYM, is_personal
from ._relay import Relay

__all__ = ["redact"]


class _Pseudonyms:
    """Pseudonyms ``prefix-1``, ``prefix-2``... in order of first appearance."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def __call__(self, prefix: str, value: str) -> str:
        key = (prefix, value)
        if key not in self._given:
            self._counts[prefix] = self._counts.get(prefix, 0) + 1
            self._given[key] = f"{prefix}-{self._counts[prefix]}"
        return self._given[key]


def _blank(field: attrs.Attribute[Any]) -> Any:
    factory = getattr(field.default, "factory", None)  # an attrs.Factory
    return factory() if callable(factory) else field.default


def _redacted(value: Any, pseudonym: _Pseudonyms) -> Any:
    """*value* with its personal data removed, walking attrs classes, tuples and extras.

    Unchanged parts are returned as they are, so a relay without people costs
    one walk and no copies.
    """
    kind = type(value)
    if kind is tuple:
        items = tuple(_redacted(item, pseudonym) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if kind is Extras:
        kept = {key: value[key] for key in value if not is_personal_key(key)}
        return value if len(kept) == len(value) else Extras(kept)
    if not attrs.has(kind):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(kind):
        if not field.init:
            continue
        old = getattr(value, field.name)
        prefix = field.metadata.get(PSEUDONYM)
        if is_personal(field):
            new = _blank(field)
            if new == old:
                continue
        elif prefix is not None and old is not None:
            new = pseudonym(prefix, old)
        else:
            new = _redacted(old, pseudonym)
        if new is not old:
            changes[field.alias] = new
    return attrs.evolve(value, **changes) if changes else value


def redact(relay: Relay) -> Relay:
    """A copy of *relay* that names nobody.

    Every field marked :data:`PERSONAL`, in any class of the model a relay
    holds, is left empty; every extras key that :func:`is_personal_key` calls
    personal is removed, wherever it is; identifiers derived from people
    (:attr:`Torchbearer.id`) become pseudonyms, ``tb-1``, ``tb-2``... in order
    of first appearance (main line, then campaigns, then branches), the same
    person getting the same pseudonym wherever they appear. Counts and
    campaign figures survive; names, ages, hometowns, stories and authors do
    not. Every exporter's ``redact=True`` uses this one function.

    .. versionadded:: 0.1.0
    """
    result: Relay = _redacted(relay, _Pseudonyms())
    return result
