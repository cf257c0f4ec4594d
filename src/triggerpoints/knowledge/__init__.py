"""The knowledge base: data/ loaded, validated and held as pandas tables; reference tables.

- `schema`: every table's columns, enumerations and links (`TABLES`), `KnowledgeBase`, the
  errors that name file, row and column.
- `loader`: `load_knowledge_base()` reads and checks everything before it builds anything, so
  nothing is half-loaded; `loaded(kb)` is the knowledge base a caller gave, or the course's.
- `reference`: the tables lessons and reference pages show (`muscle_card`, `compare_table`, ...).

Facts know no drawing: nothing here imports the maps, quizzes or widgets.
"""

from .loader import clear_cache, load_knowledge_base, loaded
from .reference import (cause_table, compare_table, evidence_table, exercise_table,
                        fact_check_summary, fact_check_table, glossary_table, knowledge_tables,
                        muscle_card, source_label, treatment_table)
from .schema import TABLE_NAMES, TABLES, KnowledgeBase, KnowledgeBaseError, Problem

__all__ = ["TABLES", "TABLE_NAMES", "KnowledgeBase", "KnowledgeBaseError", "Problem",
           "cause_table", "clear_cache", "compare_table", "evidence_table", "exercise_table",
           "fact_check_summary", "fact_check_table",
           "glossary_table", "knowledge_tables", "load_knowledge_base", "loaded", "muscle_card",
           "source_label", "treatment_table"]
