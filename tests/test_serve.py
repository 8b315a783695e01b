"""``python -m mbc_edu serve``: it serves where it says it does, or says why it cannot."""
from __future__ import annotations

import socket

import pytest

from mbc_edu import serve
from mbc_edu.testing import HOST, free_port


@pytest.fixture
def listening():
    """A server of another kind, listening on a port of 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_port_in_use_is_seen(listening):
    assert serve.port_in_use(HOST, listening)
    assert serve.port_in_use("0.0.0.0", listening)  # all addresses include 127.0.0.1
    assert not serve.port_in_use(HOST, free_port())


def test_serve_refuses_a_port_in_use_and_names_it(listening, tmp_path, monkeypatch, capsys):
    (tmp_path / "01-Start-here.ipynb").write_text("{}")
    monkeypatch.setenv("MBC_EDU_NOTEBOOKS", str(tmp_path))
    monkeypatch.setattr(serve.os, "execve", lambda *a: pytest.fail("Voila started on a port in use"))
    monkeypatch.setattr(serve.subprocess, "call", lambda *a, **k: pytest.fail("Voila started on a port in use"))
    assert serve.main(["--port", str(listening), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert f"port {listening} on {HOST} is already in use" in err
    assert f"make serve PORT={listening + 1}" in err


def test_voila_never_moves_to_another_port():
    """Voila alone tries other ports when its port is taken, and the course's start URL
    printed at start would then be wrong: the course's Voila serves on its port or not at all."""
    argv, _ = serve.voila_command(HOST, 8866)
    assert "--port=8866" in argv and "--Voila.port_retries=0" in argv
