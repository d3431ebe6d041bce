"""A pytest plugin for mutation testing only, not a test: mutmut loads it with ``-p``
(``[tool.mutmut] pytest_add_cli_args`` in pyproject.toml; scripts/mutate runs mutmut).

mutmut runs the unit tests once in its own process (to learn which tests reach which
function) and then forks one child per mutant, which runs those tests again. What that
process leaves behind would make a child's verdict wrong, and some tests are too slow to
run for every mutant:

* Native thread pools. igraph's OpenMP (libgomp) and OpenBLAS start worker threads in
  the parent; a forked child that enters a parallel region waits for them forever, and
  mutmut calls the mutant a timeout, i.e. killed. One thread each, set here before the
  tests import numpy or igraph (scripts/mutate sets it too), keeps them from starting.
* functools caches. A child inherits the caches that the earlier runs filled with the
  ORIGINAL code's results, so a mutant in a function reached only through a cache
  (``careers._plain_span`` behind ``careers.span``, ``careers.iso_day`` behind
  ``careers._iso_cached``, ``dates._to_date`` behind ``dates.parse``, ``dates.humanise``
  behind ``html._human``) would never run and would survive for no reason. A session
  with a mutant active empties the caches of every module that imports, directly or
  not, the mutant's module (the others keep theirs: emptying them all costs ~0.4 s a
  mutant for nothing).
* Property tests. Hypothesis runs each one derandomised (the "ci" profile, from the
  command line), but with at most MUTATE_MAX_EXAMPLES examples (default 10; 0: as the
  test says) and no deadline: the tests ask for 150 to 400 examples, which is most of
  the time of every surviving mutant, and a verdict must not depend on the machine's load.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

PACKAGE = "graphkit"
MAX_EXAMPLES = int(os.environ.get("MUTATE_MAX_EXAMPLES", "10"))

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"


def _ours(name: str | None) -> bool:
    return bool(name) and (name == PACKAGE or name.startswith(PACKAGE + "."))  # type: ignore[union-attr]


def _module_of(mutant: str) -> str:
    """graphkit.careers.xǁCareerǁstart__mutmut_3 -> graphkit.careers."""
    parts = mutant.split(".")
    for i in range(len(parts) - 1, 0, -1):
        if parts[i].startswith(("x_", "xǁ")):
            return ".".join(parts[:i])
    return ""


def _imports(module: ModuleType) -> set[str]:
    """The package's modules that ``module`` names at its top level (modules or their objects)."""
    found = set()
    for value in list(vars(module).values()):
        name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        if isinstance(name, str) and _ours(name):
            found.add(name)
    return found


def _reaching(target: str) -> set[str]:
    """The package's loaded modules that import ``target``, directly or not, and ``target``."""
    ours = {name: m for name, m in list(sys.modules.items()) if m is not None and _ours(name)}
    direct = {name: _imports(m) for name, m in ours.items()}
    reaching, changed = {target}, True
    while changed:
        changed = False
        for name, deps in direct.items():
            if name not in reaching and deps & reaching:
                reaching.add(name)
                changed = True
    return reaching


def _clear(value: object) -> None:
    if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
        value.cache_clear()  # type: ignore[attr-defined]


def pytest_sessionstart(session) -> None:
    target = _module_of(os.environ.get("MUTANT_UNDER_TEST", ""))
    if not target:
        return  # no mutant: mutmut's own runs of the original code
    for name in _reaching(target):
        module = sys.modules.get(name)
        if module is None:
            continue
        for value in list(vars(module).values()):
            _clear(value)
            if isinstance(value, type):
                for attribute in list(vars(value).values()):
                    _clear(getattr(attribute, "__func__", attribute))


def pytest_collection_modifyitems(session, config, items) -> None:
    if "hypothesis" not in sys.modules:
        return
    from hypothesis import settings

    for item in items:
        test = getattr(item, "obj", None)
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is None or not hasattr(test, "hypothesis"):
            continue
        examples = current.max_examples if MAX_EXAMPLES <= 0 else min(current.max_examples, MAX_EXAMPLES)
        if examples != current.max_examples or current.deadline is not None:
            test._hypothesis_internal_use_settings = settings(current, max_examples=examples, deadline=None)
