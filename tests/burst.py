"""A burst of requests interleaved as concurrent ones would be, without threads: every
request reaches the secret check before any of them is answered (used by the account
service's unit tests and its tests on both profiles)."""

from __future__ import annotations

from collections.abc import Callable

from espace.accounts import service as service_module


class Burst:
    """Requests that all reach the secret check before any of them is answered.

    Each call of the patched check first runs the requests still waiting (each of which
    may enter the check in turn), then checks: the deepest request is checked first and
    every reservation is made while the others are still in flight. ``checked`` lists
    the candidates actually checked."""

    def __init__(self, monkeypatch) -> None:
        self.waiting: list[Callable[[], object]] = []
        self.results: list[object] = []
        self.checked: list[str] = []
        real = service_module.verify_secret

        def verify(stored_hash, candidate):
            self.checked.append(candidate)
            while self.waiting:
                self.results.append(self.waiting.pop(0)())
            return real(stored_hash, candidate)

        monkeypatch.setattr(service_module, "verify_secret", verify)

    def run(self, requests: list[Callable[[], object]]) -> list[object]:
        first, *self.waiting = requests
        self.results.append(first())
        while self.waiting:  # refused ones never entered the check: run the rest in turn
            self.results.append(self.waiting.pop(0)())
        return self.results
