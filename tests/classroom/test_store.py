"""The CSV layout of older and simulated classes: a student's own folder, nothing written into another's."""

import os
import pwd
from datetime import datetime, timezone

import pytest

from triggerpoints.classroom import store
from isolation import own_settings  # noqa: F401  (autouse: own settings folder, off a hub)

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")


def test_files_are_for_the_student_and_the_instructors_group_only(tmp_path):
    path = store.record_answer("Ana Silva", "cases", "q1", ["a"], True, tmp_path, WHEN)
    assert path.parent.stat().st_mode & 0o777 == 0o750 and path.stat().st_mode & 0o777 == 0o640


@ROOT_ONLY
def test_a_folder_owned_by_someone_else_is_refused_and_nothing_written(tmp_path):
    nobody = pwd.getpwnam("nobody").pw_uid
    theirs = store.student_dir("Ana Silva", tmp_path)
    theirs.mkdir()
    os.chown(theirs, nobody, -1)
    with pytest.raises(store.NotYourFolder, match="belongs to nobody, not to you"):
        store.record_answer("Ana Silva", "cases", "q1", ["a"], True, tmp_path, WHEN)
    assert list(theirs.iterdir()) == []


def test_a_symlinked_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "class").mkdir()
    store.student_dir("Ana", tmp_path / "class").symlink_to(elsewhere)
    with pytest.raises(store.NotYourFolder):
        store.record_answer("Ana", "cases", "q1", ["a"], True, tmp_path / "class", WHEN)
    assert list(elsewhere.iterdir()) == []
