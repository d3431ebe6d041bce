from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI (CI=true) a skipped integration test is a failure."""
    outcome = yield
    report = outcome.get_result()
    on_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    integration = item.get_closest_marker("integration") or item.path.parent.name == "integration"
    if on_ci and report.skipped and integration:
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, which counts as a failure: {report.longrepr}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based physical line of the first line containing ``needle``."""
    for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")
