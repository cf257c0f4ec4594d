"""The answer key is generated from the banks: every question, its right answers, the reason."""

import html

from triggerpoints.quizzes import bank as quizbank
from triggerpoints.quizzes.answerkey import answer_key, chapter_key


def test_every_question_of_every_bank_is_in_the_key():
    banks = quizbank.load_banks()
    key = answer_key()
    assert sum(len(t.rows) for t in key.items) == sum(len(qs) for qs in banks.values())
    page = key._repr_html_()
    for questions in banks.values():
        for q in questions:
            assert html.escape(q["question"]) in page, q["id"]


def test_a_row_gives_every_correct_answer_and_its_feedback_but_no_wrong_one():
    questions = quizbank.load_bank("comparison")
    many = next(q for q in questions if q["type"] == "many_choice")
    row = chapter_key("comparison").rows[questions.index(many)]
    right = [a for a in many["answers"] if a["correct"]]
    wrong = [a for a in many["answers"] if not a["correct"]]
    assert row[2] == "; ".join(a["answer"] for a in right)
    assert all(a["feedback"] in row[3] for a in right)
    assert not any(a["feedback"] in row[3] for a in wrong)
