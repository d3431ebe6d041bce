"""JSON Schemas of graphkit's machine-readable output, shipped in the package.

``report.schema.json`` (draft 2020-12) is the contract of ``graphkit report
--format json`` (:func:`graphkit.report.build`)::

    import jsonschema
    from graphkit.report.schema import report_schema

    jsonschema.validate(report, report_schema())
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = ["report_schema"]


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report's JSON (a fresh dict on each call)."""
    return json.loads(files("graphkit.report").joinpath("report.schema.json").read_text("utf-8"))
