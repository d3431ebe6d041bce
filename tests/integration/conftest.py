"""Browser fixture: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def launch_context(playwright: object, profile: str, exe: str) -> object:
    """Debian's chromium, headless, in a persistent profile: what the tests and bench-html use."""
    return playwright.chromium.launch_persistent_context(  # type: ignore[attr-defined]
        profile,
        executable_path=exe,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1400, "height": 900},
    )


@pytest.fixture(scope="session")
def browser_context() -> Iterator[object]:
    """A persistent Chromium context in a temporary profile (we may run as root)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium, or make system-deps)")
    profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
    try:
        with sync_playwright() as p:
            context = launch_context(p, profile, exe)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
