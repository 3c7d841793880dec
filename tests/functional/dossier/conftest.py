"""Issue 12 tests run on both profiles (the ``platform`` fixture of tests/functional/conftest.py)."""
