"""The pieces every XML reader and writer shares: limits, locations, escaping, input chunks.

:mod:`._xml` builds the streaming reader on these and re-exports them; this
module holds what does not depend on it, so that each stays one concept.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

import attrs
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..exceptions import InvalidTypeError

__all__ = [
    "CHUNK_BYTES",
    "LIMIT_OPTIONS",
    "XMLLimits",
    "at",
    "find_line",
    "local_name",
    "root_sniffer",
    "xml_escape",
    "xml_text",
]

CHUNK_BYTES = 1 << 16
"""How many bytes are fed to the parser at a time (64 KiB: large tokens stay linear)."""


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 1:
        msg = f"'{attribute.name}' must be a positive whole number (got {value!r})"
        raise InvalidTypeError(msg)


@attrs.frozen(kw_only=True)
class XMLLimits:
    """The limits a reader of an XML format enforces, each a read option of the same name.

    Args:
        max_bytes: The largest document, in bytes (512 MiB).
        max_depth: The deepest nesting of elements (256, as libxml2's default).
        max_token: The longest text or attribute value of one element (64 MiB: a
            KML LineString of some two million points is one text).
        max_elements: The most elements in a document (50 million).
        max_points: The most points (track, route, coordinate tuples) (10 million).
        max_entries: In a KMZ, the most entries in the zip (1,000).
        max_uncompressed: In a KMZ, the most bytes all entries hold unpacked (512 MiB).

    .. versionadded:: 0.1.0
    """

    max_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=256, validator=_positive)
    max_token: int = attrs.field(default=64 * 1024 * 1024, validator=_positive)
    max_elements: int = attrs.field(default=50_000_000, validator=_positive)
    max_points: int = attrs.field(default=10_000_000, validator=_positive)
    max_entries: int = attrs.field(default=1_000, validator=_positive)
    max_uncompressed: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)

    @classmethod
    def from_options(cls, options: Mapping[str, object]) -> XMLLimits:
        """The limits with the options given (``max_depth=1000``) raised or lowered."""
        return cls(**options)  # type: ignore[arg-type]


LIMIT_OPTIONS = frozenset(a.name for a in attrs.fields(XMLLimits))
"""The names of the limits, as read options."""


def root_sniffer(root: str) -> Callable[[bytes], bool]:
    """A format's ``sniff``: whether a document's first bytes open a *root* element.

    The element may come after a byte order mark, an XML declaration, spaces
    and comments, with or without a namespace prefix; UTF-16 text is decoded
    first.
    """
    head_re = re.compile(
        rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>)?(?:\s|<!--.*?-->)*<(?:\w+:)?"
        + re.escape(root.encode("ascii"))
        + rb"[\s>/]",
        re.DOTALL,
    )

    def sniff(head: bytes) -> bool:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                head = head[: len(head) // 2 * 2].decode("utf-16").encode("utf-8")
            except UnicodeDecodeError:
                return False
        return head_re.match(head) is not None

    sniff.__doc__ = f"Whether a document's first bytes open a ``<{root}>`` root element."
    return sniff


def at(line: int, column: int) -> str:
    """A location in a text, as problems name it: ``line 12, column 4``."""
    return f"line {line}, column {column}"


def local_name(tag: str) -> str:
    """The local part of a ``{namespace}name`` tag."""
    return tag.rpartition("}")[2]


def xml_escape(text: str) -> str:
    """*text* escaped for an element's content or a double-quoted attribute."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:  # and the other spaces an attribute's value would lose to a plain space
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#9;")
    return text


def xml_text(element: ET.Element) -> str:
    """An element's text, stripped; empty when it has none."""
    text = element.text
    return text.strip() if text else ""


class _Stream:
    """Chunks of a document given as text, bytes or a binary file object."""

    def __init__(self, data: object) -> None:
        self.text: str | None = None
        self.stream: IO[bytes] | None = None
        if isinstance(data, str):
            self.text = data[1:] if data.startswith("\ufeff") else data
        elif isinstance(data, bytes | bytearray | memoryview):
            self.stream = io.BytesIO(bytes(data))
        elif callable(getattr(data, "read", None)):
            self.stream = data  # type: ignore[assignment]
        else:
            msg = f"loads() takes text, bytes or a binary file object (got {type(data).__name__})"
            raise InvalidTypeError(msg)

    def chunks(self) -> Iterator[str | bytes]:
        if self.text is not None:
            for start in range(0, len(self.text), CHUNK_BYTES):
                yield self.text[start : start + CHUNK_BYTES]
            return
        assert self.stream is not None
        while True:
            chunk: object = self.stream.read(CHUNK_BYTES)
            if not chunk:
                return
            if not isinstance(chunk, bytes):
                msg = "loads() reads binary file objects; open the file with 'rb'"
                raise InvalidTypeError(msg)
            yield chunk


def find_line(data: object, tag_local: str, index: int) -> tuple[int, int] | None:
    """Where the *index*-th element (from 0) named *tag_local* starts, by parsing again.

    Readers call this only to report a bad value: the streaming parse does not
    keep lines. ``None`` when the input cannot be read again (a pipe).
    """
    seek = getattr(data, "seek", None)
    if isinstance(data, str | bytes):
        source: object = data
    elif callable(seek) and getattr(data, "seekable", lambda: False)():
        seek(0)
        source = data
    else:
        return None
    parser = DefusedXMLParser(target=ET.TreeBuilder(), forbid_dtd=True)
    expat = parser.parser
    seen = [0]
    found: list[tuple[int, int]] = []
    start = expat.StartElementHandler

    def handler(tag: str, attrib: Any) -> Any:
        if tag.rpartition("}")[2] == tag_local:
            if seen[0] == index:
                found.append((expat.CurrentLineNumber, expat.CurrentColumnNumber + 1))
                raise StopIteration
            seen[0] += 1
        return start(tag, attrib)

    expat.StartElementHandler = handler
    try:
        for chunk in _Stream(source).chunks():
            parser.feed(chunk)
    except (StopIteration, ET.ParseError, DefusedXmlException, ValueError, LookupError):
        pass
    return found[0] if found else None
