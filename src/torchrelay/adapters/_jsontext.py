"""Reading JSON text that may be hostile: markers for what JSON should not hold, and located errors.

``NaN``, ``Infinity``, duplicate keys and numbers too long to convert become
markers (:class:`Hostile`, :class:`Duplicated`) that the typed readers of
:mod:`torchrelay.adapters._engine` report where they stand; text that is not
JSON, or nests too deep to read, is a :class:`~torchrelay.exceptions.ParseError`
at its line and column. Nothing else escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..exceptions import Location, ParseError, Problem

__all__ = ["Duplicated", "Hostile", "parse_json"]


class Hostile:
    """A JSON token that is not a usable value (``NaN``, an oversized number), and why."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why

    def __repr__(self) -> str:
        return self.why


class Duplicated(dict[str, Any]):
    """An object in which some key appeared more than once (the last value is kept)."""

    duplicates: list[str]

    def __repr__(self) -> str:
        # Part of the reader's memo key: a repeated key must not match a clean object.
        return f"Duplicated({dict.__repr__(self)}, {self.duplicates!r})"


def _constant(name: str) -> Hostile:
    return Hostile(f"{name}, which is not JSON")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) == len(pairs):
        return doc
    seen: set[str] = set()
    marked = Duplicated(doc)
    marked.duplicates = sorted({k for k, _ in pairs if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
    return marked


def _line_column(text: str, index: int) -> Location:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(line=line, column=column)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _deepest(text: str) -> tuple[int, int]:
    """How deeply *text* nests, and the index where it first gets that deep (strings skipped)."""
    depth = best = best_at = 0
    for match in re.finditer(r"[\[\]{}]", _STRING.sub(lambda m: " " * len(m.group()), text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > best:
            best, best_at = depth, match.start()
    return best, best_at


_LONG_NUMBER = re.compile(r"-?\d{4000,}")


def parse_json(text: str) -> Any:
    """Parse JSON text into values the typed readers can report on.

    Duplicate keys, ``NaN`` and ``Infinity`` become markers reported where they
    stand. Nesting too deep for the parser and numbers of thousands of digits
    are refused with their line and column.

    Raises:
        ParseError: For text that is not JSON, too deep, or with an oversized number.
    """
    try:
        return json.loads(text, parse_constant=_constant, object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        raise ParseError([Problem(_line_column(text, error.pos), error.msg)]) from None
    except RecursionError:
        depth, at = _deepest(text)
        msg = f"the document nests {depth} levels deep, too deep to read"
        raise ParseError([Problem(_line_column(text, at), msg)]) from None
    except ValueError as error:  # an integer beyond Python's digit limit
        found = _LONG_NUMBER.search(text)
        where = _line_column(text, found.start()) if found else Location()
        raise ParseError([Problem(where, f"a number too long to read ({error})")]) from None
