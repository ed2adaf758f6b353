"""The question engine's tests use the session-wide `engine` fixture (tests/conftest.py)."""
from __future__ import annotations

from tests.conftest import TODAY  # noqa: F401  (re-exported for the tests here)
