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
def playwright() -> Iterator[object]:
    """One Playwright for the whole session (the sync API cannot be started twice at once)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium_exe() -> str:
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium, or make system-deps)")
    return exe


@pytest.fixture(scope="session")
def browser_context(playwright, chromium_exe) -> Iterator[object]:
    """A persistent Chromium context in a temporary profile (we may run as root)."""
    profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
    try:
        context = launch_context(playwright, profile, chromium_exe)
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
