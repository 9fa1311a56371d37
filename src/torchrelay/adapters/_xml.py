"""Safe XML for every XML format: one streaming reader with counted limits.

Every XML document torchrelay reads (GPX, KML, the ``doc.kml`` inside a KMZ)
goes through :class:`XMLEvents`, built on defusedxml's hardened parser over the
standard library's expat:

- a DOCTYPE is refused, so are entity declarations and external references
  (defusedxml: ``forbid_dtd``, ``forbid_entities``, ``forbid_external``); no
  DTD, ``schemaLocation``, XInclude or ``href`` is ever fetched or followed;
- the document is read from its file object in chunks of :data:`CHUNK_BYTES`
  and parsed as a stream of events; readers clear elements once consumed, so
  memory stays flat on big files;
- limits are counted (:class:`XMLLimits`): bytes read, nesting depth, the size
  of one text or attribute value, the number of elements; each has a safe
  default that a caller raises with a read option of the same name;
- every failure is a :class:`~torchrelay.exceptions.ParseError` naming the
  input, the line and column, and what was wrong.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

import attrs
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..exceptions import InvalidTypeError, ParseError, Problem

__all__ = [
    "CHUNK_BYTES",
    "XMLEvents",
    "XMLLimits",
    "at",
    "find_line",
    "local_name",
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
        max_token: The longest text or attribute value of one element (8 MiB).
        max_elements: The most elements in a document (50 million).
        max_points: The most points (track, route, coordinate tuples) (10 million).
        max_entries: In a KMZ, the most entries in the zip (1,000).
        max_uncompressed: In a KMZ, the most bytes all entries hold unpacked (512 MiB).

    .. versionadded:: 0.1.0
    """

    max_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=256, validator=_positive)
    max_token: int = attrs.field(default=8 * 1024 * 1024, validator=_positive)
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
    if "\r" in text:
        text = text.replace("\r", "&#13;")
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


class XMLEvents:
    """The elements of one XML document as they end, parsed safely and within limits.

    Iterating yields ``("end", element)`` pairs, each element complete with
    its children; a reader clears each element it has consumed. The limits
    are checked as expat reports each element, so an error names the
    element's own line and column. :attr:`container` is the last element
    opened whose local name is in *watch* (the parent to remove consumed
    points from); *on_root* is called with the root element when it opens.

    Args:
        data: The document: text, bytes or a binary file object.
        limits: The limits to enforce.
        source: The input's name for errors.
        watch: Local names of the container elements to keep track of.
        on_root: Called with the root element as it opens, to refuse a document early.
    """

    def __init__(
        self,
        data: object,
        limits: XMLLimits,
        source: str | None,
        *,
        watch: frozenset[str] = frozenset(),
        on_root: Callable[[ET.Element], None] | None = None,
    ) -> None:
        self._input = _Stream(data)
        self.limits = limits
        self.source = source
        self.namespaces: dict[str, str] = {}  # uri -> first prefix the document gave it
        self.container: ET.Element | None = None
        self._parser = parser = DefusedXMLParser(
            target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        expat = parser.parser
        start, end = parser._start, parser._end
        max_depth, max_token, max_elements = limits.max_depth, limits.max_token, limits.max_elements
        state = [0, 0]  # depth, elements
        watched: dict[str, bool] = {}

        def hooked_start(tag: str, attrib_in: list[str]) -> ET.Element:
            state[0] += 1
            state[1] += 1
            if state[0] > max_depth:
                msg = f"elements nest deeper than {max_depth} levels; pass a larger max_depth= to read it"  # noqa: E501
                raise self.error(msg)
            if state[1] > max_elements:
                msg = f"more than {max_elements:,} elements; pass a larger max_elements= to read it"
                raise self.error(msg)
            for value in attrib_in:  # names and values alternate; both are tokens
                if len(value) > max_token:
                    raise self._too_long(tag)
            element: ET.Element = start(tag, attrib_in)
            keep = watched.get(tag)
            if keep is None:
                keep = watched[tag] = local_name(tag) in watch
            if keep:
                self.container = element
            if state[1] == 1 and on_root is not None:
                on_root(element)
            return element

        def hooked_end(tag: str) -> ET.Element:
            state[0] -= 1
            element: ET.Element = end(tag)
            text = element.text
            if text is not None and len(text) > max_token:
                raise self._too_long(tag)
            return element

        def namespace(prefix: str | None, uri: str) -> None:
            self.namespaces.setdefault(uri, prefix or "")

        parser._end = hooked_end  # before the pull parser binds it to its events
        self._pull = ET.XMLPullParser(("end",), _parser=parser)
        expat.StartElementHandler = hooked_start
        expat.StartNamespaceDeclHandler = namespace

    def position(self) -> tuple[int, int]:
        """The parser's line and column (from 1) where it is now."""
        expat = self._parser.parser
        return expat.CurrentLineNumber, expat.CurrentColumnNumber + 1

    def error(self, message: str, where: tuple[int, int] | None = None) -> ParseError:
        """A ParseError at *where* (or the parser's position), naming the input."""
        line, column = where if where is not None else self.position()
        return ParseError([Problem(at(line, column), message)], self.source)

    def _feed(self, chunk: str | bytes) -> None:
        try:
            self._pull.feed(chunk)
        except ET.ParseError as error:
            line, column = error.position
            raise self._syntax(str(error), (line, column + 1)) from None
        except DefusedXmlException as error:
            raise self.error(f"refused: {_defused_message(error)}") from None
        except LookupError as error:  # an encoding Python does not know
            raise self.error(f"cannot read the document: {error}") from None

    def _close(self) -> None:
        try:
            self._pull.close()
        except ET.ParseError as error:
            line, column = error.position
            raise self._syntax(str(error), (line, column + 1)) from None

    def _syntax(self, text: str, where: tuple[int, int]) -> ParseError:
        reason = text.split(": line ", maxsplit=1)[0]
        return self.error(f"not well-formed XML: {reason}", where)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        limits = self.limits
        total = 0
        read_events = self._pull.read_events
        for chunk in self._input.chunks():
            total += len(chunk)
            if total > limits.max_bytes:
                msg = f"the document is larger than {limits.max_bytes:,} bytes; pass a larger max_bytes= to read it"  # noqa: E501
                raise self.error(msg)
            self._feed(chunk)
            yield from self._drain(read_events)
        if total == 0:
            raise ParseError([Problem(at(1, 1), "the document is empty")], self.source)
        self._close()
        yield from self._drain(read_events)

    def _drain(self, read_events: Any) -> list[tuple[str, Any]]:
        # XMLPullParser keeps a syntax error in its queue and raises it here.
        try:
            return list(read_events())
        except ET.ParseError as error:
            line, column = error.position
            raise self._syntax(str(error), (line, column + 1)) from None

    def _too_long(self, tag: str) -> ParseError:
        msg = (
            f"<{local_name(tag)}> holds a text or attribute longer than "
            f"{self.limits.max_token:,} characters; pass a larger max_token= to read it"
        )
        return self.error(msg)


def _defused_message(error: DefusedXmlException) -> str:
    name = type(error).__name__
    if name == "DTDForbidden":
        return "the document has a DOCTYPE; DTDs are not read (they can fetch files or expand entities)"  # noqa: E501
    if name == "EntitiesForbidden":
        return "the document declares entities; they are not expanded"
    return "the document refers to an external resource; nothing is fetched"


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
