"""Sphinx configuration for the torchrelay documentation.

Build with warnings as errors, and run every example:

    sphinx-build -n -W --keep-going -b html docs docs/_build/html
    sphinx-build -n -W --keep-going -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

# Import hypothesis before torchrelay.testing: hypothesis runs torchrelay's
# entry-point hook while it loads, and the hook imports torchrelay.testing,
# which fails if torchrelay.testing is the module that started the import.
import hypothesis  # noqa: F401

import torchrelay

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project -----------------------------------------------------------------

project = "torchrelay"
author = "The torchrelay developers"
copyright = "The torchrelay developers"
release = torchrelay.__version__
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "torchrelay_cli",
    "torchrelay_docs",
    "torchrelay_formats",
    "torchrelay_pictures",
    "torchrelay_reference",
    "torchrelay_rules",
]

exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
default_role = "py:obj"
nitpicky = True
# Dashes stay as typed: "--format" in a help text must not become an en dash.
smartquotes_action = "qe"
pygments_style = "sphinx"
pygments_dark_style = "monokai"
# Python docs, numpy, attrs and pendulum would come through intersphinx, but
# the build must work offline and none of them ship an inventory we could
# vendor, so their names are plain text (see nitpick_ignore below).

# -- Autodoc and napoleon ----------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_typehints_format = "short"
# Types show as "AltitudeReference", not "torchrelay._geo.AltitudeReference".
python_use_unqualified_type_names = True
autodoc_class_signature = "mixed"
autodoc_default_options = {"show-inheritance": True}
autoclass_content = "class"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = False
napoleon_attr_annotations = True

# -- Doctest -----------------------------------------------------------------

# Docstrings use the public names without importing them, as a user would after
# ``from torchrelay import ...``; the pages import what they use.
doctest_global_setup = """
import datetime as dt

import attrs
import numpy as np
import pendulum

# Import hypothesis before torchrelay.testing: hypothesis runs torchrelay's
# entry-point hook while it loads, and the hook imports torchrelay.testing,
# which fails if torchrelay.testing is the module that started the import.
import hypothesis  # noqa: F401

import torchrelay
from torchrelay import *
from torchrelay.adapters import *
from torchrelay.exceptions import *
from torchrelay.plot import *
"""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1 | doctest.NORMALIZE_WHITESPACE
)

# -- Cross-references --------------------------------------------------------

# Third-party and standard-library names that would resolve through
# intersphinx; listed so that the nitpicky build still catches our own typos.
nitpick_ignore_regex = [
    (r"py:.*", r"(pendulum|numpy|np|npt|attrs|attr|hypothesis|st|geopy|pyproj)(\..*)?"),
    (r"py:.*", r"(datetime|dt|zoneinfo|collections\.abc|typing|enum|os|io|pathlib)\..*"),
    (r"py:.*", r"(SearchStrategy|DrawFn|DateTime|Duration|Attribute|FloatArray)"),
    (r"py:.*", r"(matplotlib|mpl)(\..*)?|Figure|IO|PathLike"),
]
nitpick_ignore: list[tuple[str, str]] = [("py:class", "_Knobs")]  # the strategies' knobs

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"torchrelay {release}"
html_static_path: list[str] = []
