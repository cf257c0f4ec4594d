"""`make lab` opens JupyterLab as the course configures it: no news prompt, no update check.

A real JupyterLab server is started from the project's environment, and the effective setting
is read back through its settings API, as the front end reads it at start.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

PLUGIN = "@jupyterlab/apputils-extension:notification"
JUPYTER = Path(sys.executable).parent / "jupyter"


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    if not (Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json").is_file():
        pytest.fail("the course's JupyterLab settings are not installed: `make test` installs them")
    runtime, port = tmp_path_factory.mktemp("lab-runtime"), _free_port()
    proc = subprocess.Popen(
        [str(JUPYTER), "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
         "--IdentityProvider.token=tp-test", f"--ServerApp.root_dir={ROOT / 'notebooks'}",
         *(["--allow-root"] if os.geteuid() == 0 else [])],  # CI runs as root
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={"JUPYTER_RUNTIME_DIR": str(runtime), "PATH": str(JUPYTER.parent), "HOME": str(runtime)})
    try:
        yield _wait_until_serving(proc, f"http://127.0.0.1:{port}/")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_settings(url):
    request = urllib.request.Request(f"{url}lab/api/settings/{PLUGIN}", headers={"Authorization": "token tp-test"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _wait_until_serving(proc, url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            _get_settings(url)
            return url
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer at {url} within {timeout} s")


def test_lab_asks_no_news_question_and_checks_no_updates(lab_server):
    plugin = _get_settings(lab_server)
    # The project's overrides become the schema's defaults; a user's own choice would still win.
    effective = {k: plugin["settings"].get(k, p.get("default")) for k, p in plugin["schema"]["properties"].items()}
    # "none" (JupyterLab's default) is what makes it ask; "false" is a decision already taken.
    assert effective["fetchNews"] == "false"
    assert effective["checkForUpdates"] is False
