"""Low Back Trigger Points: the package the course notebooks import.

The sub-packages, bottom layer first (each imports only the ones above it in this list):

- `knowledge`: data/ loaded and validated; reference tables (muscle cards, evidence, ...)
- `maps`: body-map geometry, drawing, SVG, alt text; `show_map` and the explorer
- `finder`: the pain finder's ranking and its widget and static twin
- `quizzes`: quiz banks, item checks, grading, widget and static twin, answer key
- `classroom`: lab sessions, students' answer files, item analysis
- `book`: the Sphinx extension that keeps the static book light (imports none of the others)

`display` holds the display objects cells return; `paths` where the course's files are.
Public names are imported lazily, so a lesson that only needs the knowledge base does not
pay for matplotlib or ipywidgets.
"""

from importlib import import_module

_EXPORTS = {
    "load_knowledge_base": "knowledge",
    "KnowledgeBase": "knowledge",
    "KnowledgeBaseError": "knowledge",
    "muscle_card": "knowledge",
    "compare_table": "knowledge",
    "cause_table": "knowledge",
    "treatment_table": "knowledge",
    "exercise_table": "knowledge",
    "evidence_table": "knowledge",
    "glossary_table": "knowledge",
    "knowledge_tables": "knowledge",
    "fact_check_table": "knowledge",
    "fact_check_summary": "knowledge",
    "show_map": "maps",
    "explore": "maps",
    "rank_muscles": "finder",
    "pain_finder": "finder",
    "quiz": "classroom",
    "start_session": "classroom",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'triggerpoints' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
