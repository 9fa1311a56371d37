"""The ``torchrelay`` command: ``demo``, ``info``, ``validate``, ``convert``, ``where`` and more.

The command owns all printing; the library underneath never prints. Exit
status 0 means all is well, 1 that validation found errors, 2 that the input
or the arguments could not be used. Run ``torchrelay COMMAND --help`` for each
command's options and examples.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ._main import main
from ._summary import summarize

__all__ = ["main", "summarize"]
