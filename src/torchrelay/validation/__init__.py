"""Validation that explains itself: rules with codes, severities, reasons and locations.

Organisers check a planned relay before it runs, publishers check a route
before they release it, importers check what they read.
:func:`~torchrelay.validate` runs every rule of the
:data:`~torchrelay.validation.CATALOGUE` (and those of installed plugins, and
your own) and returns a :class:`~torchrelay.ValidationReport`: each
:class:`~torchrelay.Finding` has a stable code such as ``TR101``, a
:class:`~torchrelay.Severity`, a message that names the leg and its places, and
a :class:`~torchrelay.validation.Location` for programs.

>>> from torchrelay.datasets import sochi_2014
>>> report = validate(sochi_2014(), select="TR5")
>>> report.ok, len(report)
(True, 0)

Validation never changes or drops data; it reports. Constructors refuse what
is meaningless (a latitude of 91); validation reports what is implausible (a
runner at 300 km/h), so that such data can be loaded, seen and fixed.

Times of precision ``day`` or ``approximate`` are placeholders: rules that
compute speeds or overlaps from them skip those legs or lower their findings
to information, and say so in their rationale.

.. versionadded:: 0.1.0
"""

from ..exceptions import Location
from ._catalogue import CATALOGUE
from ._engine import ENTRY_POINT_GROUP, available_rules, plugin_rules, validate
from ._policy import Policy
from ._report import REPORT_VERSION, Finding, Severity, ValidationReport, report_schema
from ._rule import BadPoints, Context, Ends, LegRef, Origin, Points, Rule

__all__ = [
    "CATALOGUE",
    "ENTRY_POINT_GROUP",
    "REPORT_VERSION",
    "BadPoints",
    "Context",
    "Ends",
    "Finding",
    "LegRef",
    "Location",
    "Origin",
    "Points",
    "Policy",
    "Rule",
    "Severity",
    "ValidationReport",
    "available_rules",
    "plugin_rules",
    "report_schema",
    "validate",
]
