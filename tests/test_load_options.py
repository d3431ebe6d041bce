"""`graphkit load`'s options that do not go together: refused (exit 2, a usage message)
before any file is read or any server is asked."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import DATA

from graphkit.cli import main

# no server listens here: a refusal must come before any connection
ENV = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--bulk", "--recheck"], "--recheck and --rewrite go with a normal load, not --bulk"),
        (["--bulk", "--rewrite"], "--recheck and --rewrite go with a normal load, not --bulk"),
        (["--bulk", "--prune"], "--bulk writes a new store: --prune has nothing to prune"),
        (["--admin", "x"], "--admin, --import-dir and --files-only go with --bulk"),
        (["--files-only"], "--admin, --import-dir and --files-only go with --bulk"),
        (["--import-dir", "out"], "--admin, --import-dir and --files-only go with --bulk"),
        (["--bulk", "--files-only"], "--files-only needs --import-dir (where to keep the files)"),
    ],
)
def test_options_that_do_not_go_together_are_refused(extra, message):
    r = CliRunner(env=ENV).invoke(main, ["load", str(DATA), *extra], catch_exceptions=False)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output
