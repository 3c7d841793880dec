"""Issue 11 tests run on the hiring stage (tests/functional/hiring.py)."""

from tests.functional.hiring import hiring  # noqa: F401  (a fixture)
