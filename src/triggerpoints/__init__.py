"""Low Back Trigger Points: the package the course notebooks import.

Public names are imported lazily, so a lesson that only needs the knowledge base
does not pay for matplotlib or ipywidgets.
"""

from importlib import import_module

_EXPORTS = {
    "load_knowledge_base": "knowledge",
    "KnowledgeBase": "knowledge",
    "KnowledgeBaseError": "knowledge",
    "show_map": "explorer",
    "explore": "explorer",
    "quiz": "quizzes",
    "start_session": "quizzes",
    "rank_muscles": "finder",
    "pain_finder": "finder",
    "muscle_card": "tables",
    "compare_table": "tables",
    "cause_table": "tables",
    "treatment_table": "tables",
    "exercise_table": "tables",
    "evidence_table": "tables",
    "glossary_table": "tables",
    "knowledge_tables": "tables",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'triggerpoints' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
