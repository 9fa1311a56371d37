"""The formats that ship with torchrelay, registered when the adapters load."""

from __future__ import annotations

from .._relay import Relay
from ._registry import Format, register_format


def _native_loads(data: bytes, *, source: str | None = None) -> Relay:
    from . import native

    return native.loads(data, source=source)


def _native_dumps(relay: Relay, *, redact: bool = False) -> bytes:
    from . import native

    return native.dumps(relay, redact=redact).encode("utf-8")


def register_builtin_formats() -> None:
    """Register the built-in formats (idempotent)."""
    register_format(
        Format(
            "native",
            (".torchrelay.json", ".json"),
            _native_loads,
            _native_dumps,
            "torchrelay's lossless JSON",
        ),
        replace=True,
    )
