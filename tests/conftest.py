"""Shared fixtures of the core tests, and the hypothesis profiles every property test runs under.

Profiles (choose with HYPOTHESIS_PROFILE; `dev` is the default):
- `dev`: few examples, for a quick run while working;
- `ci`: what `.ci/run` uses, more examples, still well inside a minute for the whole suite;
- `nightly`: 10,000 examples, for the hostile-input fuzzing of tests/test_hostile.py, run on its own
  (`HYPOTHESIS_PROFILE=nightly python -m pytest tests/test_hostile.py --hypothesis-show-statistics`).
No property test sets its own `max_examples`: the profile decides, so that no run is slower than it says.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("dev", max_examples=20, **_COMMON)
settings.register_profile("ci", max_examples=50, **_COMMON)
settings.register_profile("nightly", max_examples=10_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config: pytest.Config) -> None:
    """The cache of structured bundled models goes to a folder of the test run's own, never the user's ~/.cache."""
    if "KOMMUNEMODEL_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="kommunemodel-test-cache-")
        os.environ["KOMMUNEMODEL_CACHE_DIR"] = folder
        config.stash[_CACHE] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the test run's cache folder."""
    folder = config.stash.get(_CACHE, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["KOMMUNEMODEL_CACHE_DIR"]


_CACHE = pytest.StashKey[str]()


@pytest.fixture
def data_dir() -> Path:
    """The folder of small model files the core tests use."""
    return DATA
