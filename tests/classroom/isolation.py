"""Every classroom test runs off a hub, with its own settings folder and no session (imported
by each test module: a conftest.py here would shadow tests/conftest.py for `from conftest import`)."""

import pytest


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory, monkeypatch):
    from triggerpoints.classroom import session

    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("TRIGGERPOINTS_CONFIG", str(folder))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("TRIGGERPOINTS_RESULTS", raising=False)
    monkeypatch.delenv("TRIGGERPOINTS_SERVICE_URL", raising=False)
    monkeypatch.setattr(session, "_SESSION", {"student": None, "results_dir": None})
    return folder
