"""A bounded mutation fuzz of the native JSON reader, through its public API only.

The promise under test: whatever text or bytes are given to
:func:`torchrelay.adapters.native.loads`, the only exception that escapes is a
:class:`~torchrelay.exceptions.TorchRelayError` (normally a ``ParseError``), and
whatever it accepts, :func:`~torchrelay.adapters.native.dumps` writes back so
that it reads the same again.

Seeds are made at test time by ``native.dumps`` (the demo relay, a slice of
Sochi 2014, and relays from :func:`torchrelay.testing.relays`), so the fuzz
knows nothing of the format's version, keys or layout and keeps working as
they change. Mutations are made on the parsed JSON tree (replace, insert,
delete, rename, splice) and on the text or its bytes (flip, delete, duplicate,
insert a hostile token, replace a literal). Hostile values that are not JSON
Python can write (``NaN`` as a token, a 5,000-digit integer, arrays nested to
the parser's limit) are spliced in as raw text.

The regression cases below pin each escape found so far by name; they too
find their targets through the model's public API (marker values written by
``dumps``), not through the format's keys.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import math
import pathlib
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import torchrelay
from torchrelay import Claim, Distance, FlameSource, Path, Relay, Relight, Source
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import TorchRelayError
from torchrelay.testing import relays

JSON: TypeAlias = Any
"""A value as ``json.loads`` returns it, possibly holding :class:`_Raw` or :class:`_Nest`."""

Key: TypeAlias = str | int
Location: TypeAlias = tuple[Key, ...]

# No shrinking: each failure's message already says, in words, what was done to
# which seed, and shrinking several distinct escapes of multi-kilobyte documents
# takes longer than the whole fuzz is allowed to (well under 30 s).
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

_PACKAGE_DIR = pathlib.Path(torchrelay.__file__).resolve().parent
_MARKER = "\x00torchrelay-fuzz-raw-"


# --- Reporting ---------------------------------------------------------------


def _site(error: BaseException) -> str:
    """Where in torchrelay *error* was raised: the innermost frame inside the package."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if pathlib.Path(frame.filename).resolve().is_relative_to(_PACKAGE_DIR)
    ]
    if not frames:
        return "(outside torchrelay)"
    inner = frames[-1]
    where = pathlib.Path(inner.filename).resolve().relative_to(_PACKAGE_DIR.parent)
    return f"{where}:{inner.lineno} in {inner.name}()"


def _short(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 30]}...({len(text)} chars)"


def _check_loads(data: object, description: str) -> Relay | None:
    """``native.loads(data)``, failing the test if anything but a TorchRelayError escapes."""
    try:
        return native.loads(data)  # type: ignore[arg-type]
    except TorchRelayError:
        return None
    except Exception as error:  # the promise: nothing else gets out
        pytest.fail(
            f"native.loads let {type(error).__name__} escape: {_short(str(error))}\n"
            f"  raised at: {_site(error)}\n"
            f"  input: {description}",
            pytrace=False,
        )


def _check(data: str | bytes, description: str) -> None:
    """The fuzz's promise for one input: a TorchRelayError, or a relay that round-trips."""
    relay = _check_loads(data, description)
    if relay is None:
        return
    try:
        text = native.dumps(relay)
        again = native.loads(text)
    except Exception as error:
        pytest.fail(
            f"native.loads accepted an input that does not round-trip: dumps/loads raised "
            f"{type(error).__name__}: {_short(str(error))}\n"
            f"  raised at: {_site(error)}\n"
            f"  input: {description}",
            pytrace=False,
        )
    if again != relay:
        pytest.fail(
            f"native.loads(native.dumps(r)) != r for an accepted input\n  input: {description}",
            pytrace=False,
        )


# --- Seeds -------------------------------------------------------------------


@functools.cache
def _sochi_slice() -> Relay:
    """The first five Sochi legs, with one branch if the slice keeps its links."""
    relay = sochi_2014()
    try:
        return attrs.evolve(relay, legs=relay.legs[:5], branches=relay.branches[:1])
    except TorchRelayError:
        return attrs.evolve(relay, legs=relay.legs[:5], branches=())


@functools.cache
def _fixed_seeds() -> dict[str, str]:
    return {"demo_relay()": native.dumps(demo_relay()), "sochi slice": native.dumps(_sochi_slice())}


def _draw_seed(data: st.DataObject) -> tuple[str, str]:
    """A seed document, by name: a fixed relay or one drawn from ``relays()``."""
    name = data.draw(st.sampled_from([*_fixed_seeds(), "relays()"]), label="seed")
    if name == "relays()":
        relay = data.draw(relays(max_legs=3, max_branches=1), label="relay")
        return name, native.dumps(relay)
    return name, _fixed_seeds()[name]


def _max_depth() -> int:
    """How many arrays deep ``json.loads`` reads from here (it depends on the stack), by bisection."""
    low, high = 1, sys.getrecursionlimit() + 100
    while low < high:
        mid = (low + high + 1) // 2
        try:
            json.loads("[" * mid + "]" * mid)
        except RecursionError:
            high = mid - 1
        else:
            low = mid
    return low


# --- Hostile values ----------------------------------------------------------


@attrs.frozen
class _Raw:
    """Text to splice into a document as it is, where Python's json cannot write it."""

    text: str
    label: str

    def __repr__(self) -> str:
        return f"<{self.label}>"


@attrs.frozen
class _Nest:
    """Arrays nested to *offset* short of the parser's limit, counted from where they go."""

    offset: int


def _nest(depth: int, core: str = "") -> _Raw:
    return _Raw("[" * depth + core + "]" * depth, f"{depth}-deep nested array")


_EXTREME_TIMES = [
    f"{day}T{clock}{offset}{zone}"
    for day, clock in (("0001-01-01", "00:00:00"), ("9999-12-31", "23:59:59"))
    for offset, zone in (
        ("+04:00", ""),
        ("-12:00", ""),
        ("+14:00", ""),
        ("Z", ""),
        ("+04:00", "[Europe/Moscow]"),
        ("-12:00", "[Etc/GMT+12]"),
        ("+14:00", "[Pacific/Kiritimati]"),
        ("Z", "[UTC]"),
    )
]

_RAW_TOKENS = [
    _Raw("1e400", "1e400"),
    _Raw("-1e400", "-1e400"),
    _Raw("1e-400", "1e-400"),
    _Raw("-0", "-0"),
    _Raw("NaN", "NaN"),
    _Raw("Infinity", "Infinity"),
    _Raw("-Infinity", "-Infinity"),
    _Raw("9" * 400, "a 400-digit integer"),
    _Raw("-" + "9" * 400, "a negative 400-digit integer"),
    _Raw("1" * 5000, "a 5000-digit integer"),
    _Raw("1" + "0" * 400 + ".5", "a 400-digit float"),
    _Raw('"\\ud800"', "a lone surrogate escape"),
    _Raw('"\\u0000"', "a NUL escape"),
    _Raw('"' + "x" * 200_000 + '"', "a 200,000-character string"),
    _nest(1000),
    _nest(100_000),
]

_SCALARS: list[JSON] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    0.0,
    -0.0,
    0.5,
    1e308,
    -1e308,
    5e-324,
    2**63,
    -(2**63) - 1,
    "",
    " ",
    "\ud800",
    "\x00",
    "\ufeff",
    "null",
    "NaN",
    "-0",
    "1e400",
    "Etc/GMT+12",
    "not/a_zone",
    "2013-02-30",
    "0001-01-01",
    "9999-12-31",
    [],
    {},
    [[]],
    [None],
    {"": None},
    *_EXTREME_TIMES,
]


_HUGE_INTS = st.integers(300, 1000).flatmap(lambda n: st.sampled_from([10**n, -(10**n), 10**n - 1]))
_NESTS = st.integers(-8, 12).map(_Nest)
_NUMBER_TOKENS = [raw for raw in _RAW_TOKENS if not raw.text.startswith(('"', "["))]
_TIME_TEXT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(.*)$")


@functools.cache
def _hostile() -> st.SearchStrategy[JSON]:
    """Values that break readers: edge numbers, huge integers, odd text, extreme times, deep nests."""
    small = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
        max_leaves=6,
    )
    return st.one_of(
        st.sampled_from(_SCALARS),
        _HUGE_INTS,
        st.sampled_from(_RAW_TOKENS),
        _NESTS,
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(),
        st.text(max_size=20),
        small,
    )


def _extreme_times_like(text: str) -> list[str]:
    """*text*, a time, moved to the first and last instants of the calendar, zone kept."""
    match = _TIME_TEXT.match(text)
    tail = match.group(1) if match else ""
    return [f"0001-01-01T00:00:00{tail}", f"9999-12-31T23:59:59{tail}"]


def _hostile_like(node: JSON) -> st.SearchStrategy[JSON]:
    """Hostile values of the same JSON type as *node*, which readers check least.

    Numbers become huge, infinite or tiny; text that is a time moves to year 1
    or 9999 with its offset and zone; any text may become a deep array.
    """
    if isinstance(node, bool) or node is None:
        return _hostile()
    if isinstance(node, int | float):
        return st.one_of(
            _HUGE_INTS,
            _HUGE_INTS,
            st.sampled_from(_NUMBER_TOKENS),
            st.sampled_from([0, -0.0, 5e-324, 1e308, -1e308, 2**63, 2**1023 * 2]),
            st.floats(allow_nan=False, allow_infinity=False),
        )
    if isinstance(node, str):
        times = _extreme_times_like(node) if _TIME_TEXT.match(node) else _EXTREME_TIMES
        return st.one_of(
            st.sampled_from(times),
            _NESTS,
            st.sampled_from(["", "\ud800", "\x00", node + "\ud800", node * 2]),
            st.sampled_from([raw for raw in _RAW_TOKENS if raw.text.startswith('"')]),
        )
    return st.one_of(_NESTS, st.sampled_from([[], {}, [[]], [None], [10**400]]))


def _replacement(data: st.DataObject, node: JSON, depth: int) -> JSON:
    """A hostile value to put in place of *node*, *depth* containers deep."""
    like = data.draw(st.integers(0, 3), label="same kind (0: any kind)") > 0
    return _resolve(data.draw(_hostile_like(node) if like else _hostile(), label="value"), depth)


# --- JSON-level mutation -----------------------------------------------------


def _children(node: JSON) -> list[Key]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


def _get(tree: JSON, where: Location) -> JSON:
    for key in where:
        tree = tree[key]
    return tree


def _show(where: Location) -> str:
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where)


def _leaves(node: JSON) -> int:
    return sum(_leaves(node[key]) for key in _children(node)) or 1


def _walk(data: st.DataObject, tree: JSON, label: str, *, to_leaf: bool = False) -> Location:
    """A location in *tree*, chosen one step at a time: go into a child, or stop here.

    Each step goes into a child with odds in proportion to the scalars under
    it, so the walk ends on any scalar of the document about equally often
    (most are deep inside legs, where the values a reader converts are). It
    never stops at the root, and stops early at a container now and then.
    """
    where: Location = ()
    node = tree
    while keys := _children(node):
        if where and not to_leaf and data.draw(st.integers(0, 4), label=f"{label} stop") == 4:
            break
        sizes = [_leaves(node[key]) for key in keys]
        total = sum(sizes)
        # Turned half a circle, so that hypothesis' favourite, 0, is a scalar in the middle.
        pick = (data.draw(st.integers(0, total - 1), label=f"{label} step") + total // 2) % total
        index = 0
        while pick >= sizes[index]:
            pick -= sizes[index]
            index += 1
        key = keys[index]
        where = (*where, key)
        node = node[key]
    return where


def _locations(tree: JSON, where: Location = ()) -> Iterator[Location]:
    yield where
    for key in _children(_get(tree, where)):
        yield from _locations(tree, (*where, key))


def _resolve(value: JSON, depth: int) -> JSON:
    """A value to put *depth* containers deep, with each :class:`_Nest` made concrete."""
    if isinstance(value, _Nest):
        return _nest(max(1, _max_depth() - depth - value.offset))
    return copy.deepcopy(value)  # drawn values may be shared constants; later steps mutate


def _set(tree: JSON, where: Location, value: JSON) -> JSON:
    if not where:
        return value
    _get(tree, where[:-1])[where[-1]] = value
    return tree


def _mutate_list(data: st.DataObject, node: list[JSON], where: Location, op: str) -> str:
    """Insert a hostile value into, duplicate an element of, or delete one from *node*."""
    index = data.draw(st.integers(0, max(0, len(node) - (op != "insert"))), label="index")
    if op == "insert":
        value = _resolve(data.draw(_hostile(), label="value"), len(where) + 1)
        node.insert(index, value)
        return f"insert {_short(value)} at {_show(where)}[{index}]"
    if op == "duplicate":
        node.insert(index, copy.deepcopy(node[index]))
        return f"duplicate {_show(where)}[{index}]"
    del node[index]
    return f"delete {_show(where)}[{index}]"


def _mutate_dict(
    data: st.DataObject, node: dict[str, JSON], where: Location, op: str, seed: JSON
) -> str:
    """Add, delete or rename a key of *node*; new keys come from the seed or are hostile."""
    if op == "delete key":
        key = data.draw(st.sampled_from(list(node)), label="key")
        del node[key]
        return f"delete {_show((*where, key))}"
    seed_keys = sorted({k for loc in _locations(seed) for k in loc if isinstance(k, str)})
    new_key = data.draw(
        st.sampled_from(seed_keys or [""]) | st.sampled_from(["", "\ud800", "\x00", "$schema"]),
        label="new key",
    )
    if op == "rename key":
        key = data.draw(st.sampled_from(list(node)), label="key")
        node[new_key] = node.pop(key)
        return f"rename {_show((*where, key))} to {new_key!r}"
    value = _resolve(data.draw(_hostile(), label="value"), len(where) + 1)
    node[new_key] = value
    return f"set {_show((*where, new_key))} to {_short(value)}"


def _mutate_tree(data: st.DataObject, tree: JSON, seed: JSON) -> tuple[JSON, str]:
    """One mutation of *tree* at a walked-to location, and what it was."""
    where = _walk(data, tree, "target")
    node = _get(tree, where)
    ops = ["replace", "replace", "replace", "splice"]
    if isinstance(node, list):
        ops += ["insert", "delete", "duplicate"] if node else ["insert"]
    if isinstance(node, dict):
        ops += ["add key", "delete key", "rename key"] if node else ["add key"]
    op = data.draw(st.sampled_from(ops), label="operation")
    if op == "replace":
        value = _replacement(data, node, len(where))
        return _set(tree, where, value), f"replace {_show(where)} with {_short(value)}"
    if op == "splice":
        other = _walk(data, seed, "splice from")
        value = copy.deepcopy(_get(seed, other))
        return _set(tree, where, value), f"replace {_show(where)} with seed's {_show(other)}"
    if isinstance(node, list):
        return tree, _mutate_list(data, node, where, op)
    return tree, _mutate_dict(data, node, where, op, seed)


def _serialize(tree: JSON, *, ascii_only: bool) -> str:
    """*tree* as JSON text, with each :class:`_Raw` spliced in as it is."""
    raws: list[_Raw] = []

    def hide(node: JSON) -> JSON:
        if isinstance(node, _Raw):
            raws.append(node)
            return f"{_MARKER}{len(raws) - 1}"
        if isinstance(node, list):
            return [hide(x) for x in node]
        if isinstance(node, dict):
            return {k: hide(v) for k, v in node.items()}
        return node

    text = json.dumps(hide(tree), ensure_ascii=ascii_only, allow_nan=True)
    for i, raw in enumerate(raws):
        text = text.replace(json.dumps(f"{_MARKER}{i}"), raw.text, 1)
    return text


def _as_input(data: st.DataObject, text: str) -> tuple[str | bytes, str]:
    """*text* as ``str``, or as UTF-8 ``bytes`` (surrogates kept, sometimes with a BOM)."""
    kind = data.draw(st.sampled_from(["str", "bytes", "bytes with BOM", "str with BOM"]))
    if kind == "str":
        return text, kind
    if kind == "str with BOM":
        return "\ufeff" + text, kind
    raw = text.encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" + raw if kind == "bytes with BOM" else raw), kind


@FUZZ
@given(data=st.data())
def test_loads_survives_json_mutations(data: st.DataObject) -> None:
    """Documents mutated as JSON trees raise only TorchRelayError, or read and round-trip.

    One to three mutations (replace a node with a hostile value, splice in a
    part of the seed, insert, delete, duplicate, add, delete or rename a key)
    at locations walked to one step at a time.
    """
    name, text = _draw_seed(data)
    seed = json.loads(text)
    tree = json.loads(text)
    steps = []
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        tree, step = _mutate_tree(data, tree, seed)
        steps.append(step)
    mutated = _serialize(tree, ascii_only=data.draw(st.booleans(), label="ascii only"))
    document, kind = _as_input(data, mutated)
    _check(document, f"{name} seed as {kind}, then: " + "; ".join(steps))


@FUZZ
@given(data=st.data())
def test_loads_survives_values_nested_to_the_limit(data: st.DataObject) -> None:
    """A value nested just short of the parser's depth limit raises only TorchRelayError.

    The parser refuses documents nested too deeply with a ParseError; this
    puts arrays nested to within a few levels of that limit at any location,
    where the reader's own recursion (``repr``, nested reads) may overflow.
    """
    name, text = _draw_seed(data)
    tree = json.loads(text)
    where = _walk(data, tree, "target", to_leaf=True)
    offset = data.draw(st.integers(-6, 6), label="levels short of the limit")
    value = _resolve(_Nest(offset), len(where))
    mutated = _serialize(_set(tree, where, value), ascii_only=True)
    _check(mutated, f"{name} seed, then: replace {_show(where)} with {_short(value)}")


# --- Text- and byte-level mutation -------------------------------------------

_TOKENS: list[str] = [
    *(raw.text for raw in _RAW_TOKENS),
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "0",
    ",",
    ":",
    '"',
    "[",
    "]",
    "{",
    "}",
    "\\",
    "\x00",
    "\ufeff",
    "\ud800",
    '"\ud800"',
    '"\\uDFFF"',
    *(json.dumps(t) for t in _EXTREME_TIMES),
]

_LITERAL = re.compile(r'-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|"(?:[^"\\]|\\.)*"')


def _depth_at(text: str, position: int) -> int:
    """How many arrays and objects are open at *position* of JSON *text*."""
    depth, in_string, escaped = 0, False, False
    for char in text[:position]:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth


def _tokens_like(data: st.DataObject, literal: str, depth: int) -> str:
    """A hostile token to put in place of *literal*: mostly of its kind, number or string."""
    if data.draw(st.integers(0, 3), label="same kind (0: any kind)") == 0:
        return data.draw(st.sampled_from(_TOKENS), label="token")
    if not literal.startswith('"'):
        numbers = st.sampled_from([raw.text for raw in _NUMBER_TOKENS])
        huge = st.integers(300, 1000).map(lambda n: "9" * n)
        return data.draw(numbers | huge, label="token")
    inner = literal[1:-1]
    times = _extreme_times_like(inner) if _TIME_TEXT.match(inner) else _EXTREME_TIMES
    nest: _Raw = _resolve(data.draw(_NESTS, label="nest"), depth)
    choices = [*map(json.dumps, times), nest.text, '"\\ud800"', literal[:-1] + '\\ud800"']
    return data.draw(st.sampled_from(choices), label="token")


def _mutate_text(data: st.DataObject, text: str) -> tuple[str, str]:
    """One text-level mutation of *text*, and what it was."""
    ops = ["delete span", "duplicate span", "insert token", *["replace literal"] * 4]
    op = data.draw(st.sampled_from(ops), label="text operation")
    literals = [m for m in _LITERAL.finditer(text) if not text[m.end() :].lstrip().startswith(":")]
    if op == "replace literal" and literals:
        n = len(literals)
        # Values, not keys; turned half a circle, as in _walk, so that 0 is not the first.
        match = literals[(data.draw(st.integers(0, n - 1), label="literal") + n // 2) % n]
        start, end = match.span()
        token = _tokens_like(data, match.group(), _depth_at(text, start))
        mutated = text[:start] + token + text[end:]
        return mutated, f"replace literal {_short(match.group())} at {start} with {_short(token)}"
    at = (data.draw(st.integers(0, len(text)), label="position") + len(text) // 2) % (len(text) + 1)
    if op == "insert token":
        token = data.draw(st.sampled_from(_TOKENS), label="token")
        return text[:at] + token + text[at:], f"insert {_short(token)} at {at}"
    length = data.draw(st.integers(1, 64), label="span")
    span = text[at : at + length]
    if op == "delete span":
        return text[:at] + text[at + length :], f"delete {_short(span)} at {at}"
    return text[:at] + span + text[at:], f"duplicate {_short(span)} at {at}"


def _mutate_bytes(data: st.DataObject, raw: bytes) -> tuple[bytes, str]:
    """One byte-level mutation of *raw*, and what it was."""
    op = data.draw(st.sampled_from(["flip", "set", "delete", "insert"]), label="byte operation")
    at = data.draw(st.integers(0, max(0, len(raw) - 1)), label="position")
    if op == "insert":
        byte = data.draw(st.integers(0, 255), label="byte")
        return raw[:at] + bytes([byte]) + raw[at:], f"insert byte {byte:#04x} at {at}"
    if not raw:
        return raw, "nothing to change"
    if op == "delete":
        return raw[:at] + raw[at + 1 :], f"delete byte {raw[at]:#04x} at {at}"
    if op == "flip":
        bit = data.draw(st.integers(0, 7), label="bit")
        changed = raw[at] ^ (1 << bit)
    else:
        changed = data.draw(
            st.sampled_from([0x00, 0x80, 0xC0, 0xED, 0xEF, 0xFE, 0xFF]), label="byte"
        )
    mutated = raw[:at] + bytes([changed]) + raw[at + 1 :]
    return mutated, f"byte {at}: {raw[at]:#04x} -> {changed:#04x}"


@FUZZ
@given(data=st.data())
def test_loads_survives_text_and_byte_mutations(data: st.DataObject) -> None:
    """Documents mutated as text or as bytes raise only TorchRelayError, or read and round-trip.

    Text mutations delete or duplicate a span, insert a hostile token (a huge
    integer, ``1e400``, ``NaN``, a lone surrogate, an extreme time, a deep
    array, a NUL), or replace a number or string literal with one. Byte
    mutations flip a bit, set, delete or insert a byte of the UTF-8 encoding.
    """
    name, text = _draw_seed(data)
    steps = []
    for _ in range(data.draw(st.integers(1, 2), label="text mutations")):
        text, step = _mutate_text(data, text)
        steps.append(step)
    document: str | bytes = text
    if data.draw(st.booleans(), label="as bytes"):
        document = text.encode("utf-8", "surrogatepass")
        for _ in range(data.draw(st.integers(0, 2), label="byte mutations")):
            document, step = _mutate_bytes(data, document)
            steps.append(step)
    _check(document, f"{name} seed as {type(document).__name__}, then: " + "; ".join(steps))


@FUZZ
@given(relay=relays(max_legs=4, max_branches=2))
def test_seeds_round_trip(relay: Relay) -> None:
    """Every generated relay is written by dumps and read back equal: the fuzz's seeds are sound."""
    text = native.dumps(relay)
    assert native.loads(text) == relay
    assert native.loads(text.encode("utf-8")) == relay
    assert native.dumps(native.loads(text)) == text


@pytest.mark.parametrize("name", ["demo_relay()", "sochi slice"])
def test_fixed_seeds_round_trip(name: str) -> None:
    """The fixed seeds read back equal, so a mutation is what makes an input hostile."""
    text = _fixed_seeds()[name]
    relay = native.loads(text)
    assert native.loads(native.dumps(relay)) == relay


# --- Non-text input ----------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"format": "torchrelay"}, None, 1, 1.5, True, [], ["{}"], object()],
    ids=["dict", "header-dict", "None", "int", "float", "bool", "list", "list-of-str", "object"],
)
def test_loads_refuses_non_text_with_our_error(data: object) -> None:
    """Anything that is neither str nor bytes is refused with a TorchRelayError.

    Known escape today: ``native.loads({})`` raises AttributeError from the
    decoding step, which calls ``data.startswith``.
    """
    _check_loads(data, f"native.loads({_short(data)})")
    with pytest.raises(TorchRelayError):
        native.loads(data)  # type: ignore[arg-type]


# --- Regression cases, found through marker values ---------------------------


def _marked(text: str, marker: str, replacement: str) -> str:
    """*text* with each JSON literal *marker* replaced by *replacement*; the marker must be there."""
    assert marker in text, f"marker {marker!r} not written by dumps"
    return text.replace(marker, replacement)


def _with_first_leg(relay: Relay, **changes: Any) -> Relay:
    return attrs.evolve(relay, legs=(attrs.evolve(relay.legs[0], **changes), *relay.legs[1:]))


def _demo_with_place(**changes: Any) -> Relay:
    relay = demo_relay()
    return _with_first_leg(relay, origin=attrs.evolve(relay.legs[0].origin, **changes))


def _huge_int_site(site: str) -> tuple[Relay, str]:
    """A relay holding a distinctive number in the field *site*, and how dumps writes it."""
    relay = demo_relay()
    origin = relay.legs[0].origin
    if site in ("latitude", "longitude", "altitude"):
        value = {"latitude": 12.3456789, "longitude": 98.7654321, "altitude": 1234.56789}[site]
        coordinate = attrs.evolve(origin.coordinate, **{site: value})
        return _demo_with_place(coordinate=coordinate), repr(value)
    if site == "declared distance":
        return _with_first_leg(relay, declared_distance=Distance(987654.321)), "987654.321"
    if site == "claim value":
        claim = attrs.evolve(relay.claims[0], value=424242.4242)
        return attrs.evolve(relay, claims=(claim, *relay.claims[1:])), "424242.4242"
    # A path column: the first leg gets a two-point path with one distinctive value.
    leg = relay.legs[0]
    assert leg.departs is not None
    assert leg.arrives is not None
    columns = {
        "path latitudes": [origin.coordinate.latitude, leg.destination.coordinate.latitude],
        "path longitudes": [origin.coordinate.longitude, leg.destination.coordinate.longitude],
        "path altitudes": [10.0, 20.0],
        "path times": [leg.departs.timestamp(), leg.arrives.timestamp()],
    }
    value = {
        "path latitudes": 11.1111111,
        "path longitudes": 22.2222222,
        "path altitudes": 333.333333,
        "path times": leg.departs.timestamp() + 0.5,
    }[site]
    columns[site][0] = value
    path = Path.from_arrays(
        columns["path latitudes"],
        columns["path longitudes"],
        columns["path altitudes"],
        columns["path times"],
    )
    return _with_first_leg(relay, path=path), repr(value)


_HUGE_INT_SITES = [
    "latitude",
    "longitude",
    "altitude",
    "declared distance",
    "claim value",
    "path latitudes",
    "path longitudes",
    "path altitudes",
    "path times",
]


@pytest.mark.parametrize("digits", [400, 1000])
@pytest.mark.parametrize("site", _HUGE_INT_SITES)
def test_huge_integer_in_numeric_field(site: str, digits: int) -> None:
    """An integer of hundreds of digits in a numeric field is refused with a TorchRelayError.

    Known escape today: converting it to a float raises OverflowError
    (coordinates, altitudes, distances, path columns, claim values).
    """
    relay, marker = _huge_int_site(site)
    text = _marked(native.dumps(relay), marker, "9" * digits)
    _check(text, f"{site} = a {digits}-digit integer")
    _check(text.encode("utf-8"), f"{site} = a {digits}-digit integer, as bytes")


_MARK_TIME = pendulum.datetime(2001, 2, 3, 4, 5, 6, tz="Europe/Moscow")
_MARK_TIME_RE = re.compile(r'"2001-02-03T04:05:06[^"]*"')


@pytest.mark.parametrize("field", ["departs", "arrives"])
@pytest.mark.parametrize(
    "time",
    [
        "0001-01-01T00:00:00+04:00",
        "0001-01-01T00:00:00+04:00[Europe/Moscow]",
        "0001-01-01T00:00:00+14:00[Pacific/Kiritimati]",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59-12:00[Etc/GMT+12]",
        "9999-12-31T23:59:59Z[America/New_York]",
    ],
)
def test_time_at_the_ends_of_the_calendar(time: str, field: str) -> None:
    """A time in year 1 or 9999 with an offset is read or refused with a TorchRelayError.

    Known escape today: converting such a time into its zone leaves the
    calendar and raises OverflowError ("date value out of range").
    """
    relay = demo_relay()
    leg = relay.legs[0]
    other = "arrives" if field == "departs" else "departs"
    # Both times get the marker, so an accepted extreme time is not refused for order alone.
    marked = _with_first_leg(relay, **{field: _MARK_TIME, other: _MARK_TIME})
    text = native.dumps(marked)
    assert _MARK_TIME_RE.search(text), "the marked time was not written"
    first = _MARK_TIME_RE.search(text)
    assert first is not None
    mutated = text[: first.start()] + json.dumps(time) + text[first.end() :]
    _check(mutated, f"legs[0].{field} = {time!r} (leg was {leg.id!r})")


_DEEP_SITES: dict[str, Callable[[], tuple[Relay, str]]] = {
    "place name": lambda: (_demo_with_place(name="zz-marker-place"), '"zz-marker-place"'),
    "place region": lambda: (_demo_with_place(region="zz-marker-region"), '"zz-marker-region"'),
    "source title": lambda: (
        _with_first_leg(
            demo_relay(), sources=(Source("https://x.invalid/", title="zz-marker-title"),)
        ),
        '"zz-marker-title"',
    ),
    "claim value": lambda: (
        attrs.evolve(
            demo_relay(),
            claims=(Claim("zz-figure", 424242.4242, None, Source("https://x.invalid/")),),
        ),
        "424242.4242",
    ),
    "relay name": lambda: (attrs.evolve(demo_relay(), name="zz-marker-name"), '"zz-marker-name"'),
    "leg source published (a date)": lambda: (
        _with_first_leg(
            demo_relay(), sources=(Source("https://x.invalid/", published=dt.date(2001, 2, 3)),)
        ),
        '"2001-02-03"',
    ),
    "leg relight source (a choice)": lambda: (
        _with_first_leg(demo_relay(), relights=(Relight(FlameSource.SUN),)),
        json.dumps(FlameSource.SUN.value),
    ),
}


@pytest.mark.parametrize("site", list(_DEEP_SITES))
def test_value_nested_to_the_parser_limit(site: str) -> None:
    """An array nested just short of the parser's limit is refused with a TorchRelayError.

    Known escapes today: the reader's memo of places and sources calls
    ``repr()`` on the value's JSON, and the messages for a bad date or a bad
    choice (an enum) quote the value with ``!r``; each recurses deeper than the
    parser did and raises RecursionError. The depth that triggers it depends
    on the call stack, so every depth near the parser's limit is tried.
    """
    relay, marker = _DEEP_SITES[site]()
    text = native.dumps(relay)
    limit = _max_depth()
    for depth in range(limit - 60, limit + 10):
        _check(_marked(text, marker, _nest(depth).text), f"{site} = a {depth}-deep nested array")


def test_marker_helpers_find_their_targets() -> None:
    """Each marker value is written by dumps, so the regression cases test what they name."""
    for site in _HUGE_INT_SITES:
        relay, marker = _huge_int_site(site)
        assert marker in native.dumps(relay), site
        assert math.isfinite(float(marker))
    for site, make in _DEEP_SITES.items():
        relay, marker = make()
        assert marker in native.dumps(relay), site
