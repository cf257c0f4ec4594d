"""Two editions of the book: the student edition (make book) leaves out the instructor pages."""

import pytest
from sphinx_external_toc.parsing import parse_toc_yaml

from conftest import ROOT
from triggerpoints.book import editions


class _Config(dict):
    """What apply_edition uses of Sphinx's config: items, and the parsed table of contents."""

    external_site_map = None


class _App:
    def __init__(self):
        self.tags = set()


def _applied(monkeypatch, value):
    monkeypatch.setenv("TP_EDITION", value)
    config, app = _Config(exclude_patterns=["_build/*"]), _App()
    config.external_site_map = parse_toc_yaml(ROOT / "_toc.yml")
    editions.apply_edition(app, config)
    listed = {str(item) for doc in config.external_site_map.values() for tree in doc.subtrees for item in tree.items}
    return config, app, listed


def test_the_student_edition_drops_the_key_and_the_results_review(monkeypatch):
    config, app, listed = _applied(monkeypatch, "student")
    assert not listed & set(editions.INSTRUCTOR_ONLY) and "book/instructor_guide" in listed
    assert not set(editions.INSTRUCTOR_ONLY) & set(config.external_site_map)
    assert {"book/answer_key.*", "book/instructor_results.*"} <= set(config["exclude_patterns"])
    assert "instructor" not in app.tags


def test_the_instructor_edition_keeps_every_page_and_sets_its_tag(monkeypatch):
    config, app, listed = _applied(monkeypatch, "instructor")
    assert set(editions.INSTRUCTOR_ONLY) <= listed and config["exclude_patterns"] == ["_build/*"]
    assert "instructor" in app.tags


def test_an_unknown_edition_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("TP_EDITION", "teacher")
    with pytest.raises(ValueError, match="TP_EDITION: expected one of student, instructor, found 'teacher'"):
        editions.edition()


def test_the_built_book_is_the_student_edition(book_dir):
    for docname in editions.INSTRUCTOR_ONLY:
        assert not (book_dir / f"{docname}.html").exists(), f"{docname} shipped in the student edition"
    linking = [p.relative_to(book_dir).as_posix() for p in book_dir.rglob("*.html")
               if "answer_key.html" in (text := p.read_text(encoding="utf-8")) or "instructor_results.html" in text]
    assert not linking, f"pages link to instructor-only pages: {linking}"
    guide = (book_dir / "book" / "instructor_guide.html").read_text(encoding="utf-8")
    assert "book-instructor" in guide and "Recording answers as" in guide
