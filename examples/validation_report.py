"""Validate the Sochi 2014 relay and print its warnings, grouped by rule.

Run: python examples/validation_report.py
"""

from collections import Counter

import torchrelay
from torchrelay.datasets import sochi_2014
from torchrelay.validation import Severity

report = torchrelay.validate(sochi_2014())
print(f"ok: {report.ok}, {report.counts()}")
by_code = Counter(f.code for f in report.findings if f.severity is Severity.WARNING)
for code, count in by_code.most_common():
    first = next(f for f in report.findings if f.code == code)
    print(f"{code} x{count}: {report.titles[code]}")
    print(f"  e.g. {first}")
