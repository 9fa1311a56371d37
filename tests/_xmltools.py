"""Helpers for the XML format tests: the shared files, and tools nobody here wrote.

A tool that is missing skips its test, unless ``TORCHRELAY_REQUIRE_TOOLS=1``,
where it fails: CI must run every check.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"
SCHEMAS = SHARED / "schemas"
CATALOG = SCHEMAS / "catalog.xml"
REQUIRED = os.environ.get("TORCHRELAY_REQUIRE_TOOLS") == "1"


def need(what: str, present: bool) -> None:  # noqa: FBT001 - reads as a sentence
    """Skip (or fail, when tools are required) unless *present*."""
    if present:
        return
    if REQUIRED:
        pytest.fail(f"{what} is required (TORCHRELAY_REQUIRE_TOOLS=1) but missing")
    pytest.skip(f"{what} is not available")


def shared(*parts: str) -> pathlib.Path:
    """A folder of ../shared, skipping (or failing) when it is absent."""
    folder = SHARED.joinpath(*parts)
    need(f"the shared folder {folder}", folder.is_dir())
    return folder


def tool(name: str) -> str:
    """The path of a command-line tool."""
    found = shutil.which(name)
    need(f"the command {name}", found is not None)
    assert found is not None
    return found


def xmllint(document: pathlib.Path, schema: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """Validate with ``xmllint --nonet`` through the shared catalog."""
    env = {**os.environ, "XML_CATALOG_FILES": str(CATALOG)}
    return subprocess.run(
        [tool("xmllint"), "--nonet", "--noout", "--schema", str(schema), str(document)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def ogrinfo(document: pathlib.Path) -> str:
    """``ogrinfo -ro -al -so``'s listing of *document* (layers and their fields)."""
    result = subprocess.run(
        [tool("ogrinfo"), "-ro", "-al", "-so", str(document)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
