"""No answer lost: a missing, full or foreign results place keeps the answer locally, and says so."""

import errno
import os
import pwd
from datetime import datetime, timezone

import pytest

from triggerpoints.classroom import exchange, results, store
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")


def _save(folder, qid, student="Ana Silva"):
    return store.save_answer(student, "cases", qid, ["a"], True, folder, WHEN)


def test_files_are_for_the_student_and_the_instructors_group_only(tmp_path):
    path = store.record_answer("Ana Silva", "cases", "q1", ["a"], True, tmp_path, WHEN)
    assert path.parent.stat().st_mode & 0o777 == 0o750 and path.stat().st_mode & 0o777 == 0o640


def test_a_missing_folder_keeps_answers_locally_and_writes_them_in_order_later(tmp_path):
    folder = tmp_path / "class"
    saved = _save(folder, "q1")
    assert not saved.written and saved.pending == 1
    assert f"Could not save to {folder}" in saved.message and "kept on this computer" in saved.message
    assert _save(folder, "q2").pending == 2
    folder.mkdir()
    saved = _save(folder, "q3")
    assert saved.written and "2 answer(s) kept on this computer were now saved" in saved.message
    assert [r["question_id"] for r in results.gather(folder).answers.to_dict("records")] == ["q1", "q2", "q3"]
    assert not store.pending_path("Ana Silva", folder).exists()
    assert store.flush_pending("Ana Silva", folder).message == ""


def test_a_full_disk_keeps_the_answer_and_says_so(tmp_path, monkeypatch):
    real = os.write

    def full(fd, data):
        if b"full_q" in data:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(store.os, "write", full)
    saved = _save(tmp_path, "full_q")
    assert not saved.written and "No space left on device" in saved.message
    assert store.own_answers("Ana Silva", tmp_path)[0]["question_id"] == "full_q", "kept, and shown on restore"


@ROOT_ONLY
def test_a_folder_owned_by_someone_else_is_refused_and_nothing_written(tmp_path):
    nobody = pwd.getpwnam("nobody").pw_uid
    theirs = store.student_dir("Ana Silva", tmp_path)
    theirs.mkdir()
    os.chown(theirs, nobody, -1)
    with pytest.raises(store.NotYourFolder, match="belongs to nobody, not to you"):
        store.record_answer("Ana Silva", "cases", "q1", ["a"], True, tmp_path, WHEN)
    assert list(theirs.iterdir()) == []
    saved = _save(tmp_path, "q1")
    assert not saved.written and "belongs to nobody" in saved.message and saved.pending == 1


def test_a_symlinked_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "class").mkdir()
    store.student_dir("Ana", tmp_path / "class").symlink_to(elsewhere)
    with pytest.raises(store.NotYourFolder):
        store.record_answer("Ana", "cases", "q1", ["a"], True, tmp_path / "class", WHEN)
    assert list(elsewhere.iterdir()) == []


def test_when_nothing_can_be_kept_the_student_is_told(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIGGERPOINTS_CONFIG", "/proc/no-such-place")
    from triggerpoints.classroom.session import recorder

    message = recorder("Ana", tmp_path / "missing")("cases", "q1", ["a"], True)
    assert "nor keep it" in message and "tell your instructor" in message


@ROOT_ONLY
def test_on_an_exchange_rows_must_name_the_owner_of_their_folder(tmp_path):
    folder = exchange.setup_exchange(tmp_path / "exchange", "root")
    assert folder.stat().st_mode & 0o7777 == 0o3773
    store.record_answer("root", "cases", "q1", ["a"], True, folder, WHEN)
    store.record_answer("bob", "cases", "q1", ["a"], True, folder, WHEN)  # root writing as "bob"
    gathered = results.gather(folder)
    assert gathered.answers["student"].tolist() == ["root"]
    assert any("'bob' in a folder owned by 'root'" in p for p in gathered.problems)


@ROOT_ONLY
def test_an_exchange_knows_the_prefix_a_hub_puts_before_unix_names(tmp_path):
    """On The Littlest JupyterHub, hub user alice is Unix user jupyter-alice."""
    folder = exchange.setup_exchange(tmp_path / "exchange", "root", user_prefix="ro")
    store.record_answer("ot", "cases", "q1", ["a"], True, folder, WHEN)      # Unix owner "root" = "ro" + "ot"
    store.record_answer("root", "cases", "q1", ["a"], True, folder, WHEN)
    gathered = results.gather(folder)
    assert gathered.answers["student"].tolist() == ["ot"]
    assert any("'root' in a folder owned by 'root'" in p for p in gathered.problems)
