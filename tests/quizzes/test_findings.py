"""'Which finding favours X over Y?' items (issue 25): a provoker the knowledge base gives to both muscles of the
pair may not be taught as telling them apart. The options of these items are findings, not muscles, so the
shared-activity check in quizzes.checks (which reads options as muscles) does not see them; this test does.
By convention the favoured muscle is the first of the item's `muscles`."""

import copy
import re

import pytest

from triggerpoints import load_knowledge_base
from triggerpoints.quizzes.bank import load_banks

BOTH = re.compile(r"\b(both|neither|too|as well|shared?)\b", re.I)


def _pair_items(questions):
    return [q for q in questions if q["kind"] == "single_best" and len(q["muscles"]) == 2
            and any("aggravator" in f for f in q["facts"])]


def finding_problems(questions, kb):
    provokes = set(zip(kb.muscle_aggravators["muscle"], kb.muscle_aggravators["aggravator"]))
    problems = []
    for q in _pair_items(questions):
        favoured, other = q["muscles"]
        key = next(a for a in q["answers"] if a["correct"])
        feedback = " ".join(a["feedback"] for a in q["answers"])  # the stem often says "both" of the pair
        for fact in (f for f in q["facts"] if "aggravator" in f):
            mine, theirs = fact["muscle"], other if fact["muscle"] == favoured else favoured
            if (theirs, fact["aggravator"]) not in provokes:
                continue
            said = BOTH.search(key["feedback"]) if mine == favoured else BOTH.search(feedback)
            if not said:
                problems.append(f"{q['chapter']}.json: question {q['id']}: '{fact['aggravator']}' is used to tell "
                                f"{favoured} from {other}, but data/muscle_aggravators.csv gives it to both")
    return problems


@pytest.fixture(scope="module")
def questions():
    return [q for qs in load_banks().values() for q in qs]


def test_there_are_finding_items_to_check(questions):
    assert {"cmp_pir_vs_gmed", "ilio_vs_ql", "cmp_glut_vs_ql", "cmp_ql_vs_pir"} <= {q["id"] for q in _pair_items(questions)}


def test_no_finding_item_tells_a_pair_apart_by_a_provoker_both_share(questions):
    problems = finding_problems(questions, load_knowledge_base())
    assert not problems, "\n".join(problems)


def test_long_sitting_as_the_piriformis_sign_against_gluteus_medius_is_caught(questions):
    item = copy.deepcopy(next(q for q in questions if q["id"] == "cmp_pir_vs_gmed"))
    key = next(a for a in item["answers"] if a["correct"])
    key["answer"] = "Deep buttock pain that builds with long sitting and flares on turning the hip outwards"
    key["feedback"] = "Right: the deep location and these provokers are the piriformis signature."
    item["facts"].append({"muscle": "piriformis", "aggravator": "prolonged_sitting", "provenance": "article"})
    problems = finding_problems([item], load_knowledge_base())
    assert problems == ["comparison.json: question cmp_pir_vs_gmed: 'prolonged_sitting' is used to tell piriformis "
                        "from gluteus_medius, but data/muscle_aggravators.csv gives it to both"]


def test_standing_given_to_ql_against_iliopsoas_is_caught(questions):
    item = copy.deepcopy(next(q for q in questions if q["id"] == "ilio_vs_ql"))
    for answer in item["answers"]:
        answer["feedback"] = "Prolonged standing is a QL provoker." if "standing" in answer["answer"] else "No."
    problems = finding_problems([item], load_knowledge_base())
    assert any("'prolonged_standing' is used to tell iliopsoas from quadratus_lumborum" in p for p in problems), problems
