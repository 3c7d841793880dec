"""The guard of tests/unit/conftest.py: a unit test that creates a socket fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from socket import socket as bound_early

import pytest

from tests.conftest import ROOT
from tests.unit.conftest import SocketInUnitTestError


@pytest.mark.parametrize("make", [
    lambda: socket.socket(),
    lambda: bound_early(socket.AF_INET, socket.SOCK_STREAM),
    lambda: socket.create_connection(("127.0.0.1", 9), timeout=0.1),
    lambda: socket.create_server(("127.0.0.1", 0)),
])
def test_creating_a_socket_fails(make):
    with pytest.raises(SocketInUnitTestError):
        make()


def test_a_fixture_that_opens_a_socket_fails_its_test(tmp_path):
    """A session fixture that listens, under this conftest's hooks: the run must fail.

    Run in a scratch folder (never in the source tree, where parallel workers collect)."""
    (tmp_path / "conftest.py").write_text("from tests.unit.conftest import *  # noqa: F403\n")
    (tmp_path / "test_probe.py").write_text(textwrap.dedent("""
        import socket
        import pytest

        @pytest.fixture(scope="session")
        def server():
            with socket.create_server(("127.0.0.1", 0)) as sock:
                yield sock

        def test_uses_a_server(server):
            pass
    """))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "functions")])}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q",
                             "--rootdir", str(tmp_path), str(tmp_path)], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "SocketInUnitTestError" in result.stdout, result.stdout[-2000:]
