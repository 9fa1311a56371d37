"""Reading and writing relays: one module per format, and the registry that finds them.

:func:`torchrelay.load` and :func:`torchrelay.dump` choose a format by name or
by file name. Each format module also has ``loads`` and ``dumps`` that work on
text or bytes and never touch a file. Other packages add formats through the
``torchrelay.formats`` entry point group.

.. versionadded:: 0.1.0
"""

from ._builtin import register_builtin_formats
from ._registry import (
    Dumps,
    Format,
    Loads,
    dump,
    format_for,
    formats,
    get_format,
    load,
    register_format,
)

register_builtin_formats()

__all__ = [
    "Dumps",
    "Format",
    "Loads",
    "dump",
    "format_for",
    "formats",
    "get_format",
    "load",
    "register_format",
]
