"""pytest plugin: `opensearch_url`, a real OpenSearch node on loopback, one per test run.

Loaded by tests/conftest.py (`pytest_plugins = ["tests.opensearch_node"]`).

- ESPACE_TEST_OPENSEARCH_URL set (e.g. a node from `make opensearch-start`): that
  node is used and never stopped.
- Otherwise tools/opensearch.py downloads the pinned distribution on first use
  (cached in .cache/opensearch/) and starts a node on a free port the first time a
  test asks for the fixture: tests that need no OpenSearch pay nothing.
- Under pytest-xdist every worker runs its own session, so the node is shared
  through a file lock and a small state file in the run's common temp folder
  (the parent of each worker's basetemp): the first worker starts the node, the
  others join it, and each records its PID. When a worker's session ends it leaves;
  the last one still alive stops the node (dead workers' PIDs are pruned, so a
  crashed worker does not keep the node up for ever). A worker that asks for the
  node after the others have finished simply starts a fresh one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tools import opensearch

STATE = "opensearch-node.json"


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _join(shared: Path) -> dict:
    """Under the lock: the running node's state with this process added to its users,
    or a node started now."""
    state_file = shared / STATE
    state = _read(state_file)
    if state and opensearch.alive(state["pid"]) and opensearch.health(state["url"]):
        state["users"] = [pid for pid in state["users"] if opensearch.alive(pid)] + [os.getpid()]
    else:
        # Outside pytest's 0700 basetemp, so the `nobody` fallback of tools/opensearch.py
        # (where user namespaces are denied) can write there too.
        data_dir = Path(tempfile.mkdtemp(prefix="espace-opensearch-"))
        node = opensearch.start(opensearch.free_port(), data_dir)
        state = {"url": node.url, "pid": node.pid, "data_dir": str(data_dir), "users": [os.getpid()]}
    state_file.write_text(json.dumps(state))
    return state


def _leave(shared: Path) -> None:
    state_file = shared / STATE
    state = _read(state_file)
    if not state:
        return
    state["users"] = [pid for pid in state["users"] if pid != os.getpid() and opensearch.alive(pid)]
    if state["users"]:
        state_file.write_text(json.dumps(state))
        return
    opensearch.stop(data_dir=state["data_dir"])
    shutil.rmtree(state["data_dir"], ignore_errors=True)
    state_file.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory) -> str:
    external = os.environ.get("ESPACE_TEST_OPENSEARCH_URL")
    if external:
        external = external.rstrip("/")
        if not opensearch.health(external):
            pytest.fail(f"ESPACE_TEST_OPENSEARCH_URL={external} does not answer /_cluster/health")
        yield external
        return
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    lock = shared / "opensearch-node.lock"
    with opensearch.file_lock(lock):
        state = _join(shared)
    try:
        yield state["url"]
    finally:
        with opensearch.file_lock(lock):
            _leave(shared)
