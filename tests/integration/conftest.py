"""Browser fixture: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# --------------------------------------------------------------- a private server
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"


class PrivateServer:
    """A second server of ``scripts/neo4j-local``, in a folder of its own, for the tests
    that kill it or replace its store (the crash test, the bulk imports). ``env`` is the
    environment for graphkit's command line: its ``NEO4J_*`` and its import command."""

    def __init__(self, home: Path):
        self.home = home
        self.env = {
            **os.environ,
            "GRAPHKIT_NEO4J_HOME": str(home),
            "GRAPHKIT_NEO4J_HTTP": "0",
            "GRAPHKIT_NEO4J_ADMIN": f"{SCRIPT} admin",
        }

    def run(self, cmd: str, *extra: str, timeout: float = 900) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(SCRIPT), cmd, *extra],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env,
            check=False,
        )

    def start(self, *extra: str) -> None:
        """Start it (again); its exports go into ``env``."""
        out = self.run("start", *extra)
        if out.returncode != 0:
            pytest.fail(f"scripts/neo4j-local start failed:\n{out.stderr[-3000:]}")
        for line in out.stdout.splitlines():
            if line.startswith("export NEO4J_"):
                k, v = line.removeprefix("export ").split("=", 1)
                self.env[k] = v.strip("'\"")

    @property
    def settings(self) -> Any:
        from graphkit.neo4j import Settings

        return Settings.from_env(env=self.env)


@pytest.fixture(scope="session")
def private_server(tmp_path_factory) -> Iterator[PrivateServer]:
    if shutil.which("java") is None or shutil.which("mvn") is None:
        pytest.skip("needs Java and Maven for a private scripts/neo4j-local server")
    server = PrivateServer(tmp_path_factory.mktemp("neo4j-private"))
    server.start("--fresh")
    yield server
    server.run("stop", timeout=120)
