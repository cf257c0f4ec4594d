"""Building handouts: editions, stale files, determinism, and errors a person can act on."""

import importlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import pdftools  # noqa: E402

from triggerpoints.book.handouts import edition, link_box  # noqa: E402
from triggerpoints.handouts import HandoutError, LayoutError, build_handouts, catalogue  # noqa: E402
from triggerpoints.handouts.catalogue import groups  # noqa: E402
from triggerpoints.handouts.content import cases, red_flags  # noqa: E402
from triggerpoints.handouts.layout import Block, Frame, fit, flow  # noqa: E402


def test_the_answer_sheet_is_instructor_only_and_a_student_build_removes_it(tmp_path):
    assert "lab_answers" not in {h.id for h in catalogue("student")}
    (path,) = build_handouts(tmp_path, "instructor", papers=("a4",), only=["lab_answers"])
    text = " ".join(pdftools.words(path).split())
    for n, case in enumerate(cases(), start=1):
        assert f"Case {n}: {case['answer']}" in text
    assert "Instructor edition" in text
    build_handouts(tmp_path, "student", papers=("a4",), only=[])
    assert not path.exists()


def test_the_same_inputs_give_the_same_bytes(tmp_path):
    first = build_handouts(tmp_path / "a", "student", papers=("a4",), only=["piriformis"])[0].read_bytes()
    second = build_handouts(tmp_path / "b", "student", papers=("a4",), only=["piriformis"])[0].read_bytes()
    assert first == second


def test_an_unknown_edition_is_refused(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="unknown edition 'teacher'; use one of: student, instructor"):
        build_handouts(tmp_path, "teacher")
    monkeypatch.setenv("TP_EDITION", "teachers")
    with pytest.raises(ValueError, match="TP_EDITION: expected one of student, instructor, found 'teachers'"):
        edition()
    monkeypatch.setenv("TP_EDITION", "instructor")
    assert edition() == "instructor"


def test_a_muscle_on_no_sheet_is_reported(monkeypatch):
    catalogue_module = importlib.import_module("triggerpoints.handouts.catalogue")
    broken = dict(catalogue_module.GROUPS)
    del broken["adductors"]
    monkeypatch.setattr(catalogue_module, "GROUPS", broken)
    with pytest.raises(HandoutError, match=r"missing \['adductors'\]"):
        groups()


def test_a_red_flag_page_without_its_lists_is_reported(tmp_path):
    page = tmp_path / "red_flags.md"
    page.write_text("# Red flags\n\nSee a doctor.\n")
    with pytest.raises(HandoutError, match="red_flags.md: expected a ```{danger} block"):
        red_flags(page)


def test_red_flags_come_from_the_books_page():
    emergency, soon = red_flags()
    assert len(emergency) >= 3 and len(soon) >= 3
    assert any("saddle" in item for item in emergency)
    assert all("*" not in item and not item.endswith(";") for item in emergency + soon)


def test_text_too_long_for_its_frames_is_an_error_not_a_cut():
    blocks = [Block.plain("word " * 400)]
    with pytest.raises(LayoutError, match="no room left for: 'word word"):
        flow(blocks, [Frame(0, 0, 2.0, 1.0)])
    with pytest.raises(LayoutError, match="does not fit at 6.5 pt"):
        fit(lambda size: [Block.plain("word " * 400, size=size)], lambda: [Frame(0, 0, 2.0, 1.0)])


def test_flowed_text_stays_in_its_frames_and_in_order():
    blocks = [Block.heading("Heading"), Block.plain("one two three " * 20), Block.plain("last words")]
    frames = [Frame(1.0, 1.0, 2.0, 1.6), Frame(4.0, 1.0, 2.0, 3.0)]
    placed = flow(blocks, frames)
    from triggerpoints.handouts.layout import text_width
    for p in placed:
        frame = frames[0] if p.x < 3.5 else frames[1]
        assert frame.top < p.y <= frame.bottom
        assert p.x + text_width(p.text, p.size, p.weight) <= frame.x + frame.width + 1e-6
    assert placed[0].text == "Heading" and placed[-1].text == "last words"
    assert placed[-1].x >= 4.0  # the paragraph did not fit beside its heading: both moved on


def test_the_link_box_of_a_lesson_names_its_own_sheets():
    box = link_box("notebooks/07_hamstrings_adductors", lambda target, resource=0: f"../{target}")
    assert "Download the one-page handout (PDF): Hamstrings" in box
    assert "Download the one-page handout (PDF): Adductors" in box
    assert "../handouts/hamstrings-letter.pdf" in box and "../book/handouts" in box
    assert "Download the one-page handout" not in link_box("notebooks/00_welcome", lambda t, r=0: t)
