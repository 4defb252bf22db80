"""A build opens no network connection.

The real spaCy model builds data/reports into every format while the socket
functions that reach the network raise; the build must succeed without
trying them. Local (AF_UNIX) sockets, which worker processes may use, are
not the network and are let through.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from graphbuild.cli import main
from graphbuild.extract import DEFAULT_MODEL
from graphbuild.graph.schema import validate
from tests.helpers import ROOT

DATA = ROOT / "data" / "reports"
OUTPUTS = ["graph.json", "graph.html", "graph.graphml", "graph.gexf", "graph.jsonld", "neo4j/import.cypher"]


def _model_installed() -> bool:
    import spacy.util
    return DEFAULT_MODEL in spacy.util.get_installed_models()


needs_model = pytest.mark.skipif(not _model_installed(), reason=f"spaCy model {DEFAULT_MODEL} is not installed")


class NetworkUsed(AssertionError):
    pass


def _is_local(sock) -> bool:
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


@pytest.fixture()
def no_network(monkeypatch):
    """Every attempt to reach the network is recorded and raises."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(what):
        def blocked(*args, **kwargs):
            attempts.append(f"{what}{args!r}")
            raise NetworkUsed(f"a build tried {what}{args!r}")
        return blocked

    def connect(self, address):
        if _is_local(self):
            return real_connect(self, address)
        return refuse("socket.connect")(address)

    def connect_ex(self, address):
        if _is_local(self):
            return real_connect_ex(self, address)
        return refuse("socket.connect_ex")(address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    return attempts


def _check_outputs(out):
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    validate(data)
    assert data["graph"]["skipped"] == []
    assert {n["type"] for n in data["nodes"]} >= {"Report", "Talk", "Person", "Event"}


def test_the_guard_catches_a_connection(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 80))
    assert len(no_network) == 2
    no_network.clear()


@needs_model
def test_full_build_opens_no_connection(tmp_path, no_network):
    out = tmp_path / "out"
    status = main(["build", str(DATA), "--out", str(out), "--format", "all", "--model", DEFAULT_MODEL,
                   "--workers", "1", "--quiet"])
    assert no_network == []
    assert status == 0
    _check_outputs(out)


GUARD = '''
import os, socket
_log = os.environ["GRAPHBUILD_NETWORK_LOG"]
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex

def _refuse(what):
    def blocked(*args, **kwargs):
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {what}{args[-1:]!r}\\n")
        raise OSError(f"network use blocked: {what}")
    return blocked

def _local(sock):
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX

socket.socket.connect = lambda self, a: _connect(self, a) if _local(self) else _refuse("connect")(a)
socket.socket.connect_ex = lambda self, a: _connect_ex(self, a) if _local(self) else _refuse("connect_ex")(a)
socket.socket.sendto = _refuse("sendto")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
'''


@needs_model
@pytest.mark.slow
def test_build_with_worker_processes_opens_no_connection(tmp_path):
    """Worker processes are spawned fresh; the guard reaches them through sitecustomize."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent(GUARD), encoding="utf-8")
    log = tmp_path / "network.log"
    env = {**os.environ, "GRAPHBUILD_NETWORK_LOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT), os.environ.get("PYTHONPATH", "")])}
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('example.org', 80)"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "getaddrinfo" in log.read_text(encoding="utf-8")   # the guard is on
    log.unlink()
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "build", str(DATA), "--out", str(out),
                           "--format", "all", "--model", DEFAULT_MODEL, "--workers", "2", "--quiet"],
                          env=env, capture_output=True, text=True, timeout=600)
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", attempts
    assert proc.returncode == 0, proc.stderr
    _check_outputs(out)
