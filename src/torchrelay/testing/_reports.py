"""The strategies for validation's values: findings, policies, rules and reports.

Re-exported by :mod:`torchrelay.testing`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ..validation import (
    Context,
    Finding,
    Location,
    Origin,
    Policy,
    Rule,
    Severity,
    ValidationReport,
)
from ._values import _TEXT

__all__ = ["findings", "policies", "rules", "validation_reports"]


_CODES = st.from_regex(r"\A[A-Z]{2}[0-9]{3}\Z")
_JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**9), 10**9), st.floats(allow_nan=False), _TEXT
)


def findings() -> st.SearchStrategy[Finding]:
    """Validation findings with any code, severity and location, and JSON-ready details."""
    locations = st.builds(
        Location,
        parts=st.one_of(
            st.just(()),
            st.tuples(st.just("legs"), st.integers(0, 999)),
            st.tuples(st.just("legs"), st.integers(0, 999), st.just("arrives")),
        ),
        branch=st.one_of(st.none(), _TEXT),
        leg=st.one_of(st.none(), st.integers(0, 1000)),
        leg_id=st.one_of(st.none(), _TEXT),
        field=st.one_of(st.none(), st.sampled_from(["departs", "arrives", "path", "flame"])),
        point=st.one_of(st.none(), st.integers(0, 10**6)),
        torchbearer=st.one_of(st.none(), _TEXT),
    )
    return st.builds(
        Finding,
        code=_CODES,
        severity=st.sampled_from(Severity),
        message=_TEXT,
        location=st.one_of(st.none(), locations),
        details=st.dictionaries(_TEXT, _JSON_SCALARS, max_size=3),
    )


def policies() -> st.SearchStrategy[Policy]:
    """Validation policies with thresholds anywhere in their allowed ranges."""
    first = st.dates(dt.date(1936, 1, 1), dt.date(2040, 1, 1))
    return st.builds(
        Policy,
        min_torchbearer_age=st.integers(0, 30),
        time_tolerance_s=st.floats(0.0, 86_400.0),
        max_time_gap_h=st.floats(0.0, 1000.0),
        declared_distance_tolerance=st.floats(0.0, 1.0),
        dates=st.one_of(
            st.none(),
            st.tuples(first, st.integers(0, 400)).map(
                lambda d: (d[0], d[0] + dt.timedelta(days=d[1]))
            ),
        ),
    )


def _no_findings(ctx: Context) -> list[Finding]:
    return []


def rules() -> st.SearchStrategy[Rule]:
    """Validation rules with any code and metadata, whose check finds nothing."""
    return st.builds(
        Rule,
        code=_CODES,
        title=_TEXT,
        severity=st.sampled_from(Severity),
        rationale=_TEXT,
        origin=st.sampled_from(Origin),
        check=st.just(_no_findings),
        reference=st.one_of(st.none(), st.just("https://example.org/rule")),
    )


@st.composite
def validation_reports(draw: st.DrawFn) -> ValidationReport:
    """Validation reports whose findings' codes are among the rules that ran."""
    found = draw(st.lists(findings(), max_size=4))
    codes = sorted({f.code for f in found} | set(draw(st.lists(_CODES, max_size=3))))
    return ValidationReport(
        found,
        rules=codes,
        relay=draw(st.one_of(st.none(), _TEXT)),
        titles={code: draw(_TEXT) for code in codes},
    )
