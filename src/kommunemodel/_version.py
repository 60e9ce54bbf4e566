"""The distribution's version, written here as in pyproject.toml: reading it from the installed metadata costs
tens of milliseconds at every start (tests/test_public_api.py keeps the two in step)."""

VERSION = "0.1.0"
