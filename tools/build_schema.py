"""Regenerate the native format's JSON Schema from the model: python tools/build_schema.py."""

import json
import pathlib

from torchrelay.adapters import native

TARGET = (
    pathlib.Path(__file__).parents[1] / "src/torchrelay/adapters/schemas/torchrelay-2.schema.json"
)

TARGET.write_text(
    json.dumps(native.build_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
)
print(f"wrote {TARGET}")
