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

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..exceptions import ParseError, Problem
from ._xmlbase import (
    CHUNK_BYTES,
    LIMIT_OPTIONS,
    XMLLimits,
    _Stream,
    at,
    find_line,
    local_name,
    xml_escape,
    xml_text,
)

__all__ = [
    "CHUNK_BYTES",
    "LIMIT_OPTIONS",
    "Records",
    "XMLEvents",
    "XMLLimits",
    "at",
    "find_line",
    "local_name",
    "xml_escape",
    "xml_text",
]


class Records:
    """Elements read as rows of texts, not built as elements: the points of a big track.

    A record element (a GPX ``trkpt``) gives one row: the values of its
    *attributes*, then the text of the last child of each name in *children*
    (``None`` where absent). While a record holds only such simple children
    (no attributes read, no grandchildren), no element is built for it; one
    that holds anything else is built as usual, ended like any other element,
    and still gives its row. Rows are counted against
    :attr:`XMLLimits.max_points`.

    Args:
        tags: The ElementTree names (``{uri}trkpt``) of record elements, each
            with its kind (``trkpt``), which :attr:`kinds` reports.
        attributes: The names of the attributes that start each row.
        children: The ElementTree names of the simple children, each with the
            position of its field after the attributes.
    """

    def __init__(
        self, tags: Mapping[str, str], attributes: Sequence[str], children: Mapping[str, int]
    ) -> None:
        self.tags = {_expat_name(tag): kind for tag, kind in tags.items()}
        self.attributes = tuple(attributes)
        self.children = {_expat_name(tag): len(self.attributes) + i for tag, i in children.items()}
        self.width = len(self.attributes) + max(children.values(), default=-1) + 1
        self.values: list[str | None] = []  # the rows not yet taken, one after another
        self.first = 0  # the index of the first row in values
        self.count = 0  # rows completed
        self.kinds: list[tuple[int, str]] = []  # (first row, kind) where the kind changes

    def take(self) -> tuple[int, list[str | None]]:
        """The index of the first row not yet taken, and the rows' values; forgets them."""
        first, values = self.first, self.values
        self.values, self.first = [], self.count
        return first, values

    def kind_index(self, row: int) -> tuple[str, int]:
        """The kind of row *row* and how many rows of that kind come before it."""
        runs = [*self.kinds, (self.count, "")]
        kind = next(name for start, name in reversed(runs) if start <= row)
        before = sum(
            min(stop, row) - start
            for (start, name), (stop, _) in itertools.pairwise(runs)
            if name == kind and start < row
        )
        return kind, before


class _Deferred(Exception):  # noqa: N818
    """A problem to report after the events before it, as a syntax error is."""

    def __init__(self, error: ParseError) -> None:
        super().__init__(str(error))
        self.error = error


def _expat_name(tag: str) -> str:
    """ElementTree's ``{uri}name`` as expat reports it with ``}`` as separator."""
    return tag[1:] if tag.startswith("{") else tag


class XMLEvents:
    """The elements of one XML document as they end, parsed safely and within limits.

    Iterating yields ``("end", element)`` pairs, each element complete with
    its children; a reader clears each element it has consumed. The limits
    are checked as expat reports each element, so an error names the
    element's own line and column. :attr:`container` is the last element
    opened whose local name is in *watch* (the parent to remove consumed
    points from); *on_root* is called with the root element when it opens.
    With *records*, the records' rows gathered while a chunk is parsed are
    announced by a ``("records", records)`` pair before that chunk's ends,
    :attr:`mark` is the number of rows completed when the element just
    yielded ended, and too many points is announced by an ``("error", error)``
    pair before it is raised, so that a reader raises a problem it found
    earlier in the document first.

    Args:
        data: The document: text, bytes or a binary file object.
        limits: The limits to enforce.
        source: The input's name for errors.
        watch: Local names of the container elements to keep track of.
        on_root: Called with the root element as it opens, to refuse a document early.
        report: Local names of the elements whose ends are yielded; every
            element's when ``None``.
        records: Elements to read as rows (see :class:`Records`).
        texts: The ``{uri}name`` of children of a *texts_in* element read as
            texts only (a gx:Track's ``when`` and ``gx:coord``): no element
            is built and no end yielded. When the parent ends, the texts of
            its children (``None`` for an empty one), by name and in order,
            are in :attr:`texts_of` under the parent element, for the reader
            to pop. The limits still hold; no parent holds more than
            ``max_points`` of one name.
        texts_in: The ``{uri}name`` of the parent of *texts*.
    """

    def __init__(  # noqa: PLR0915
        self,
        data: object,
        limits: XMLLimits,
        source: str | None,
        *,
        watch: frozenset[str] = frozenset(),
        on_root: Callable[[ET.Element], None] | None = None,
        report: frozenset[str] | None = None,
        records: Records | None = None,
        texts: frozenset[str] = frozenset(),
        texts_in: str = "",
    ) -> None:
        self._input = _Stream(data)
        self.limits = limits
        self.source = source
        self.namespaces: dict[str, str] = {}  # uri -> first prefix the document gave it
        self.container: ET.Element | None = None
        self.records = records
        self.mark = 0
        self._parser = parser = DefusedXMLParser(
            target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        expat = parser.parser
        builder = parser.target
        tb_start, tb_end, tb_data = builder.start, builder.end, builder.data
        max_depth, max_token, max_elements = limits.max_depth, limits.max_token, limits.max_elements
        max_points = limits.max_points
        names: dict[str, str] = {}  # expat's "uri}name" -> ElementTree's "{uri}name"
        wanted: dict[str, bool] = {}  # ElementTree name -> yield its end, watch it
        watched: dict[str, bool] = {}
        self._pending = pending = list[tuple[ET.Element, int]]()
        rec = records if records is not None else Records({}, (), {})
        rec_tags, simple, width, attributes = rec.tags, rec.children, rec.width, rec.attributes
        simple_names = {"{" + k if "}" in k else k: i for k, i in simple.items()}
        fast_attrs = len(attributes) == 2
        a0, a1 = (*attributes, "", "")[:2]
        # the state of a record being read as a row: mode 1 in it, 2 in a simple child
        depth = elements = mode = field = lead = held = 0
        lead_open = after_row = False
        text: str | None = None
        row: list[str | None] = []
        row_tag = row_kind = last_kind = ""
        row_attrs: list[str] = []
        open_rows: list[tuple[list[str | None], int, str]] = []
        # texts: the depth of the open *texts_in* element (0: none), the list a text goes to
        self.texts_of: dict[ET.Element, dict[str, list[str | None]]] = {}
        captures: dict[str, list[str | None]] = {_expat_name(tag): [] for tag in texts}
        capture_names = {_expat_name(tag): tag for tag in texts}
        capture_parent = _expat_name(texts_in) if captures else "\0"
        capture_depth = inner = 0
        stopped = False
        capturing: list[str | None] | None = None
        captured: str | None = None
        captured_tag = ""

        def ename(tag: str) -> str:
            name = names.get(tag)
            if name is None:
                name = names[tag] = "{" + tag if "}" in tag else tag
            return name

        def new_row(attrs: list[str]) -> list[str | None]:
            if rec.count + len(open_rows) + 1 > max_points:
                msg = f"more than {max_points:,} points; pass a larger max_points= to read it"
                raise _Deferred(self.error(msg))
            values: list[str | None] = [None] * width
            if fast_attrs and len(attrs) == 4 and attrs[0] == a0 and attrs[2] == a1:
                values[0], values[1] = attrs[1], attrs[3]
            else:
                for i in range(0, len(attrs), 2):
                    if attrs[i] in attributes:
                        values[attributes.index(attrs[i])] = attrs[i + 1]
            return values

        def end_row(values: list[str | None], kind: str) -> None:
            nonlocal last_kind
            if kind != last_kind:
                rec.kinds.append((rec.count, kind))
                last_kind = kind
            rec.values.extend(values)
            rec.count += 1

        def build(tag: str, attrs: list[str]) -> ET.Element:
            nonlocal after_row
            name = ename(tag)
            attrib = {}
            for i in range(0, len(attrs), 2):
                attrib[ename(attrs[i])] = attrs[i + 1]
            element: ET.Element = tb_start(name, attrib)
            after_row = False
            keep = watched.get(name)
            if keep is None:
                keep = watched[name] = local_name(name) in watch
            if keep:
                self.container = element
            return element

        def unflatten() -> None:
            """The record holds more than simple children: build it as an element after all."""
            nonlocal mode, held
            build(row_tag, row_attrs)
            if mode == 2:
                tb_start(ename(child_tag), {})
                if text is not None:
                    tb_data(text)
            open_rows.append((row, lead, row_kind))
            held += 1
            mode = 0

        child_tag = ""

        def start(tag: str, attrs: list[str]) -> None:  # noqa: PLR0912
            nonlocal depth, elements, mode, field, text, lead, lead_open, child_tag
            nonlocal row, row_tag, row_kind, row_attrs, held
            nonlocal capturing, captured, captured_tag, inner, stopped, capture_depth
            depth += 1
            elements += 1
            if depth > max_depth:
                msg = f"elements nest deeper than {max_depth} levels; pass a larger max_depth= to read it"  # noqa: E501
                raise self.error(msg)
            if elements > max_elements:
                msg = f"more than {max_elements:,} elements; pass a larger max_elements= to read it"
                raise self.error(msg)
            if attrs and max(map(len, attrs)) > max_token:  # names and values: both are tokens
                raise self._too_long(ename(tag))
            if capturing is not None:  # an element inside a text read alone ends its text
                inner += 1
                stopped = True
                return
            if capture_depth and depth == capture_depth + 1:
                into = captures.get(tag)
                if into is not None:
                    capturing, captured, captured_tag, inner, stopped = into, None, tag, 0, False
                    return
            if tag == capture_parent:
                capture_depth = depth
            if mode:
                lead_open = False
                if mode == 1:
                    index = simple.get(tag)
                    if index is not None:
                        mode, field, text, child_tag = 2, index, None, tag
                        return
                unflatten()
            kind = rec_tags.get(tag)
            if kind is not None and depth > 1:
                if held:
                    open_rows.append((new_row(attrs), 0, kind))
                    held += 1
                    build(tag, attrs)
                    return
                row, row_tag, row_kind, row_attrs = new_row(attrs), tag, kind, attrs
                mode, lead, lead_open = 1, 0, True
                return
            element = build(tag, attrs)
            if elements == 1 and on_root is not None:
                on_root(element)

        def end(tag: str) -> None:  # noqa: PLR0912, PLR0915 - one handler an event, inline
            nonlocal depth, mode, text, after_row, held, capturing, capture_depth, inner
            depth -= 1
            if capturing is not None:
                if inner:
                    inner -= 1
                    return
                if captured is not None and len(captured) > max_token:
                    raise self._too_long(ename(captured_tag))
                capturing.append(captured)
                if len(capturing) > max_points:
                    msg = f"more than {max_points:,} points; pass a larger max_points= to read it"
                    capturing = None
                    raise _Deferred(self.error(msg))
                capturing = None
                return
            if mode == 2:
                if text is not None and len(text) > max_token:
                    raise self._too_long(ename(tag))
                row[field] = text
                mode = 1
                return
            if mode == 1:
                if lead > max_token:
                    raise self._too_long(ename(tag))
                if row_kind is not last_kind:
                    end_row(row, row_kind)
                else:
                    rec.values.extend(row)
                    rec.count += 1
                mode, after_row = 0, True
                return
            name = ename(tag)
            element: ET.Element = tb_end(name)
            after_row = False
            if depth < capture_depth:  # the parent of the texts has ended: they are its own
                capture_depth = 0
                found = {key: texts for key, texts in captures.items() if texts}
                if found:
                    self.texts_of[element] = {capture_names[key]: found[key] for key in found}
                    captures.update((key, []) for key in found)
            text_in = element.text
            if text_in is not None and len(text_in) > max_token:
                raise self._too_long(name)
            if held and tag in rec_tags:
                values, lead_of, kind = open_rows.pop()
                held -= 1
                if lead_of > max_token:
                    raise self._too_long(name)
                for child in element:
                    index = simple_names.get(child.tag)
                    if index is not None:
                        values[index] = child.text
                end_row(values, kind)
                pending.append((element, rec.count))
                return
            want = wanted.get(name)
            if want is None:
                want = wanted[name] = report is None or local_name(name) in report
            if want:
                pending.append((element, rec.count))

        def chars(data: str) -> None:
            nonlocal text, lead, captured
            if capture_depth:
                if capturing is not None:
                    if not stopped:  # the text is what comes before any inner element
                        captured = data if captured is None else captured + data
                    return
                if depth == capture_depth:
                    return  # the spaces between the texts read alone
            if mode == 2:
                text = data if text is None else text + data
            elif mode == 1:
                if lead_open:
                    lead += len(data)
            elif not after_row:
                tb_data(data)

        def namespace(prefix: str | None, uri: str) -> None:
            self.namespaces.setdefault(uri, prefix or "")

        expat.StartElementHandler = start
        expat.EndElementHandler = end
        expat.CharacterDataHandler = chars
        expat.StartNamespaceDeclHandler = namespace

    def position(self) -> tuple[int, int]:
        """The parser's line and column (from 1) where it is now."""
        expat = self._parser.parser
        return expat.CurrentLineNumber, expat.CurrentColumnNumber + 1

    def error(self, message: str, where: tuple[int, int] | None = None) -> ParseError:
        """A ParseError at *where* (or the parser's position), naming the input."""
        line, column = where if where is not None else self.position()
        return ParseError([Problem(at(line, column), message)], self.source)

    def _feed(self, chunk: str | bytes) -> ParseError | None:
        """Parse one chunk; too many points is returned, to raise after the events before it."""
        try:
            self._parser.feed(chunk)
        except ET.ParseError as error:  # the chunk's events are not read: syntax comes first
            line, column = error.position
            raise self._syntax(str(error), (line, column + 1)) from None
        except _Deferred as deferred:
            return deferred.error
        except DefusedXmlException as error:
            raise self.error(f"refused: {_defused_message(error)}") from None
        except LookupError as error:  # an encoding Python does not know
            raise self.error(f"cannot read the document: {error}") from None
        except ValueError as error:
            if "multi-byte" not in str(error):  # pragma: no cover - the handlers raise no other
                raise
            msg = (  # expat reads UTF-8 and UTF-16, and single-byte encodings through Python
                f"cannot read the document: {error} (Shift_JIS, EUC-JP, GB2312, Big5 and the "
                "like); save it as UTF-8"
            )
            raise self.error(msg) from None
        return None

    def _close(self) -> ParseError | None:
        try:
            self._parser.close()
        except ET.ParseError as error:
            line, column = error.position
            raise self._syntax(str(error), (line, column + 1)) from None
        except _Deferred as deferred:
            return deferred.error
        return None

    def _syntax(self, text: str, where: tuple[int, int]) -> ParseError:
        reason = text.split(": line ", maxsplit=1)[0]
        return self.error(f"not well-formed XML: {reason}", where)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        limits = self.limits
        total = 0
        for chunk in self._input.chunks():
            total += len(chunk)
            if total > limits.max_bytes:
                msg = f"the document is larger than {limits.max_bytes:,} bytes; pass a larger max_bytes= to read it"  # noqa: E501
                raise self.error(msg)
            failed = self._feed(chunk)
            yield from self._drain(failed)
        if total == 0:
            raise ParseError([Problem(at(1, 1), "the document is empty")], self.source)
        yield from self._drain(self._close())

    def _drain(self, failed: ParseError | None) -> Iterator[tuple[str, Any]]:
        """The events of the chunk just parsed, then its error (after ``("error", error)``)."""
        records = self.records
        if records is not None and records.values:
            yield "records", records
        pending = self._pending[:]
        self._pending.clear()
        for element, mark in pending:
            self.mark = mark
            yield "end", element
        if failed is not None:
            if records is not None:
                yield "error", failed  # a reader of records raises what it found before it
            raise failed

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
