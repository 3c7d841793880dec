"""The command line: loopback only, clear messages."""

from __future__ import annotations

import pytest

from espace.gateway.__main__ import is_loopback, parse_args


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_are_accepted(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", ""])
def test_other_hosts_are_refused(host, capsys, tmp_path):
    assert not is_loopback(host)
    with pytest.raises(SystemExit) as caught:
        parse_args(["--host", host, "--site", str(tmp_path)])
    assert caught.value.code == 2
    assert "boucle locale" in capsys.readouterr().err


def test_defaults_and_missing_site(tmp_path, capsys):
    args = parse_args(["--site", str(tmp_path)])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert args.template.name == "template.yaml"
    with pytest.raises(SystemExit):
        parse_args(["--site", str(tmp_path / "absent")])
    assert "make site" in capsys.readouterr().err
