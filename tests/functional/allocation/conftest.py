"""The ARE simulator runs on both profiles (the ``platform`` fixture of tests/functional/conftest.py)."""
