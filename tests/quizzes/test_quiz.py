"""Quiz banks and the quiz itself: validation, item-writing rules, counts, facts, export, widget, HTML."""

import copy
import json
import re

import pytest

from triggerpoints.classroom import quiz
from triggerpoints.quizzes import bank as quizbank
from triggerpoints.quizzes import grade, option_order, options, static_html
from triggerpoints.quizzes.bank import CHAPTERS, QuizBankError, load_banks
from triggerpoints.quizzes.checks import fact_problems, item_writing_problems, provenance_problems

FIVE = {"quadratus_lumborum", "erector_spinae", "multifidus", "gluteus_medius", "gluteus_minimus", "piriformis", "iliopsoas"}


@pytest.fixture(scope="module")
def banks():
    return load_banks()


@pytest.fixture(scope="module")
def questions(banks):
    return [q for qs in banks.values() for q in qs]


# ------------------------------------------------------------------ counts and coverage

def test_every_chapter_has_a_bank(banks):
    assert set(banks) == set(CHAPTERS)


@pytest.mark.parametrize("chapter", quizbank.MUSCLE_CHAPTERS)
def test_each_muscle_chapter_has_at_least_six_questions(banks, chapter):
    assert len(banks[chapter]) >= 6


def test_comparison_has_25_questions_across_the_five_patterns(banks):
    comparison = banks["comparison"]
    assert len(comparison) >= 25
    assert all(len(FIVE & set(q["muscles"])) >= 2 for q in comparison), "each comparison question sets muscles against each other"
    covered = {m for q in comparison for m in q["muscles"]}
    assert {"quadratus_lumborum", "erector_spinae", "gluteus_medius", "piriformis", "iliopsoas"} <= covered


def test_there_are_12_case_vignettes(banks):
    cases = [q for q in banks["cases"] if q["kind"] == "case_vignette"]
    assert len(cases) >= 12


@pytest.mark.parametrize("chapter", ["causes", "treatment"])
def test_causes_and_treatment_have_a_few_questions(banks, chapter):
    assert len(banks[chapter]) >= 3


def test_all_four_kinds_are_used(questions):
    assert {q["kind"] for q in questions} == set(quizbank.KINDS)


def test_every_muscle_chapter_has_a_whose_map_question(banks):
    for chapter in quizbank.MUSCLE_CHAPTERS:
        assert any(q["kind"] == "whose_map" for q in banks[chapter]), chapter


def test_every_option_has_its_own_feedback(questions):
    for q in questions:
        feedback = [a["feedback"] for a in q["answers"]]
        assert all(f.strip() for f in feedback) and len(set(feedback)) == len(feedback), q["id"]


# ------------------------------------------------------------------ item-writing practice

def test_every_question_follows_item_writing_practice(questions):
    problems = [p for q in questions for p in item_writing_problems(q)]
    assert not problems, "\n".join(problems)


def _item(stem="Which muscle fits best?", options=("Piriformis", "Iliopsoas", "Gluteus medius")):
    return {"id": "x", "question": stem, "answers": [{"answer": o, "correct": i == 0, "feedback": "f"} for i, o in enumerate(options)]}


@pytest.mark.parametrize("item, message", [
    (_item(options=("Piriformis", "Iliopsoas", "All of the above")), "all/none of the above"),
    (_item(options=("Piriformis", "None of the above", "Iliopsoas")), "all/none of the above"),
    (_item(stem="Which muscle does not refer to the groin?"), "negative lead-in"),
    (_item(stem="Each of these refers to the groin except which one?"), "negative lead-in"),
    (_item(stem="Name the muscle."), "should end as a question"),
    (_item(options=("Deep buttock pain that builds with long sitting and with hip rotation", "Side pain", "Groin pain")),
     "much longer than every distractor"),
])
def test_item_writing_breaches_are_caught(item, message):
    assert any(message in p for p in item_writing_problems(item))


@pytest.mark.parametrize("stem", ["Which muscle does <strong>not</strong> refer to the groin?", "Which muscle does NOT refer to the groin?",
                                  "A patient does not sleep well. Which muscle fits best?"])
def test_emphasised_negatives_and_negative_story_details_are_allowed(stem):
    assert item_writing_problems(_item(stem=stem)) == []


# ------------------------------------------------------------------ facts come from the knowledge base

def test_every_fact_a_question_uses_is_in_the_knowledge_base(questions):
    from triggerpoints import load_knowledge_base

    problems = fact_problems(questions, load_knowledge_base())
    assert not problems, "\n".join(problems)


def test_a_fact_missing_from_the_knowledge_base_is_reported(questions):
    from triggerpoints import load_knowledge_base

    q = copy.deepcopy(questions[0])
    q["facts"] = [{"part_or_muscle": "piriformis", "region": "base_of_skull"}, {"muscle": "piriformis", "aggravator": "coughing_sneezing"}]
    problems = fact_problems([q], load_knowledge_base())
    assert len(problems) == 2 and all(q["id"] in p and "facts[" in p for p in problems)


def test_no_question_passes_an_article_only_zone_off_as_classic(questions):
    from triggerpoints import load_knowledge_base

    problems = provenance_problems(questions, load_knowledge_base())
    assert not problems, "\n".join(problems)
    marked = [f for q in questions for f in q["facts"] if f.get("provenance") == "article"]
    assert len(marked) >= 10  # the banks do lean on article-only zones, openly


def test_an_unmarked_article_zone_and_a_false_mark_are_both_reported(questions):
    from triggerpoints import load_knowledge_base

    q = copy.deepcopy(questions[0])
    q["facts"] = [{"part_or_muscle": "ql_superficial", "region": "lower_ribs"},
                  {"part_or_muscle": "iliacus", "region": "knee", "provenance": "article"},
                  {"part_or_muscle": "piriformis", "region": "sacroiliac", "provenance": "article"}]
    problems = provenance_problems([q], load_knowledge_base())
    assert len(problems) == 2, problems
    assert "facts[0]" in problems[0] and "rests on an article-only fact" in problems[0]
    assert "facts[2]" in problems[1] and "drop the mark" in problems[1]


def test_a_marked_fact_still_has_to_be_in_the_knowledge_base(questions):
    from triggerpoints import load_knowledge_base

    q = copy.deepcopy(questions[0])
    q["facts"] = [{"part_or_muscle": "piriformis", "region": "base_of_skull", "provenance": "article"}]
    assert len(fact_problems([q], load_knowledge_base())) == 1


# ------------------------------------------------------------------ validation of malformed banks

def _write_banks(tmp_path, mutate):
    """Copy the real banks to tmp_path, apply `mutate(banks)` and write them back."""
    data = {c: json.loads((quizbank.DATA_DIR / "quizzes" / f"{c}.json").read_text()) for c in CHAPTERS}
    mutate(data)
    for chapter, value in data.items():
        text = value if isinstance(value, str) else json.dumps(value)
        (tmp_path / f"{chapter}.json").write_text(text)
    return tmp_path


def _set(chapter, index, key, value):
    def mutate(data):
        data[chapter][index][key] = value
    return mutate


def _delete(chapter, index, key):
    def mutate(data):
        del data[chapter][index][key]
    return mutate


def _answers(chapter, index, fn):
    def mutate(data):
        fn(data[chapter][index]["answers"])
    return mutate


def _whole(chapter, value):
    def mutate(data):
        data[chapter] = value
    return mutate


def _duplicate_id(data):
    data["cases"][0]["id"] = data["piriformis"][0]["id"]


Q0 = lambda chapter: json.loads((quizbank.DATA_DIR / "quizzes" / f"{chapter}.json").read_text())[0]["id"]  # noqa: E731


@pytest.mark.parametrize("mutate, fname, qid, message", [
    (_whole("piriformis", "[{not json"), "piriformis.json", None, "not valid JSON (line 1"),
    (_whole("piriformis", {"questions": []}), "piriformis.json", None, "expected a non-empty JSON list"),
    (_delete("piriformis", 0, "objective"), "piriformis.json", Q0("piriformis"), "field objective: missing"),
    (_set("piriformis", 0, "muscles", "piriformis"), "piriformis.json", Q0("piriformis"), "field muscles: expected list, found str"),
    (_set("piriformis", 0, "kind", "true_false"), "piriformis.json", Q0("piriformis"), "field kind: 'true_false' is not one of"),
    (_set("piriformis", 0, "type", "many_choice"), "piriformis.json", Q0("piriformis"), "field type: 'many_choice' does not fit kind"),
    (_set("piriformis", 0, "chapter", "iliopsoas"), "piriformis.json", Q0("piriformis"), "field chapter: 'iliopsoas' does not match the file"),
    (_set("piriformis", 0, "difficulty", "tricky"), "piriformis.json", Q0("piriformis"), "field difficulty: 'tricky'"),
    (_set("piriformis", 0, "muscles", ["piriform"]), "piriformis.json", Q0("piriformis"), "field muscles: expected known muscle ids, found ['piriform']"),
    (_set("piriformis", 0, "id", "Pir Map"), "piriformis.json", "Pir Map", "field id: 'Pir Map' is not a snake_case id"),
    (_set("piriformis", 0, "facts", []), "piriformis.json", Q0("piriformis"), "field facts: expected at least one claim"),
    (_set("piriformis", 0, "facts", [{"muscle": "piriformis", "colour": "red"}]), "piriformis.json", Q0("piriformis"), "field facts[0]"),
    (_delete("piriformis", 0, "map"), "piriformis.json", Q0("piriformis"), 'field map: expected {"ids"'),
    (_set("piriformis", 0, "map", {"ids": ["piriformis_deep"]}), "piriformis.json", Q0("piriformis"), "field map.ids: 'piriformis_deep' is not a known"),
    (_set("piriformis", 0, "map", {"ids": ["piriformis"], "view": "side"}), "piriformis.json", Q0("piriformis"), "field map.view: 'side'"),
    (_set("piriformis", 0, "map", {"ids": ["piriformis"], "layer": "bones"}), "piriformis.json", Q0("piriformis"), "field map.layer: 'bones'"),
    (_answers("piriformis", 0, lambda a: a.__setitem__(1, {**a[1], "correct": True})), "piriformis.json", Q0("piriformis"), "needs exactly 1 correct option, found 2"),
    (_answers("piriformis", 0, lambda a: a[2].pop("feedback")), "piriformis.json", Q0("piriformis"), "field answers[2].feedback: expected a non-empty str"),
    (_answers("piriformis", 0, lambda a: a[3].__setitem__("correct", "no")), "piriformis.json", Q0("piriformis"), "field answers[3].correct: expected a non-empty bool"),
    (_answers("piriformis", 0, lambda a: a[1].__setitem__("answer", a[2]["answer"])), "piriformis.json", Q0("piriformis"), "two options have the same text"),
    (_answers("piriformis", 0, lambda a: a.__delitem__(slice(2, None))), "piriformis.json", Q0("piriformis"), "expected at least 3 options, found 2"),
    (_duplicate_id, "cases.json", Q0("piriformis"), "field id: duplicate id (also in piriformis.json)"),
])
def test_malformed_banks_are_reported_by_file_question_and_field(tmp_path, mutate, fname, qid, message):
    folder = _write_banks(tmp_path, mutate)
    with pytest.raises(QuizBankError) as err:
        load_banks(quiz_dir=folder)
    text = str(err.value)
    line = next((p for p in err.value.problems if message in p), None)
    assert line, f"{message!r} not in:\n{text}"
    assert line.startswith(fname) and (qid is None or f"question {qid}" in line)


def test_all_problems_are_listed_in_one_error(tmp_path):
    def mutate(data):
        data["gluteals"][1]["difficulty"] = "impossible"
        del data["treatment"][0]["answers"][0]["feedback"]
    folder = _write_banks(tmp_path, mutate)
    (folder / "cases.json").unlink()
    with pytest.raises(QuizBankError) as err:
        load_banks(quiz_dir=folder)
    problems = err.value.problems
    assert len(problems) == 3
    assert {p.split(":")[0] for p in problems} == {"gluteals.json", "treatment.json", "cases.json"}
    assert "file not found" in str(err.value)


# ------------------------------------------------------------------ exchange with jupyterquiz

JUPYTERQUIZ_MC_SCHEMA = {  # jupyterquiz's schema/mc_schema.json (v1.5.3), as published
    "type": "object",
    "properties": {
        "type": {"type": "string", "pattern": "multiple_choice|many_choice"},
        "question": {"type": "string"},
        "code": {"type": "string"},
        "answers": {"type": "array", "items": {"type": "object", "properties": {
            "answer": {"type": "string"}, "code": {"type": "string"}, "correct": {"type": "boolean"},
            "feedback": {"type": "string"}}, "required": ["correct"]}},
    },
    "required": ["question", "type", "answers"],
}


def test_export_to_plain_jupyterquiz_format(questions):
    import jsonschema

    exported = json.loads(json.dumps(quizbank.to_jupyterquiz(questions)))
    assert len(exported) == len(questions)
    for item in exported:
        jsonschema.validate(item, JUPYTERQUIZ_MC_SCHEMA)
        assert set(item) == {"type", "question", "answers"}
        assert all(set(a) == {"answer", "correct", "feedback"} for a in item["answers"])


def test_bank_files_are_already_readable_as_jupyterquiz(banks):
    import jsonschema

    for chapter in CHAPTERS:
        for item in json.loads((quizbank.DATA_DIR / "quizzes" / f"{chapter}.json").read_text()):
            jsonschema.validate(item, JUPYTERQUIZ_MC_SCHEMA)


def test_a_whose_map_question_can_show_the_muscle_layer(banks):
    q = next(q for q in banks["piriformis"] if q["kind"] == "whose_map")
    shown = quizbank.map_markup({**q, "map": {**q["map"], "layer": "both"}})
    assert 'class="tp-muscle' in shown and "iriformis" not in shown


def test_export_can_carry_the_drawn_map(banks):
    q = next(q for q in banks["piriformis"] if q["kind"] == "whose_map")
    exported = quizbank.to_jupyterquiz([q], with_maps=True)[0]
    assert "<svg" in exported["question"] and 'role="img"' in exported["question"]


# ------------------------------------------------------------------ maps are drawn from ids, anonymously

def test_whose_map_questions_store_only_ids_and_the_drawn_map_hides_the_answer(banks):
    for q in (q for qs in banks.values() for q in qs if q["kind"] == "whose_map"):
        assert set(q["map"]) <= {"ids", "view", "layer"}
        svg = quizbank.map_markup(q)
        assert ('class="tp-muscle' in svg) is (q["map"].get("layer", "pain") != "pain"), q["id"]  # hidden by default
        answer = next(a["answer"] for a in q["answers"] if a["correct"]).split(",")[0].lower()
        assert answer not in svg.lower(), q["id"]
        assert not any(part in svg for part in q["map"]["ids"]), q["id"]
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert len(ids) == len(set(ids)), q["id"]


# ------------------------------------------------------------------ shuffling and grading

def test_option_order_is_a_fixed_shuffle_per_student(questions):
    q = questions[0]
    assert option_order(q, "Ana") == option_order(q, "Ana")
    assert sorted(option_order(q, "Ana")) == list(options(q))
    orders = {tuple(option_order(q, f"student {i}")) for i in range(20)}
    assert len(orders) > 1


def test_grading_single_best_answer(banks):
    q = banks["piriformis"][1]
    right = next(k for k, a in options(q).items() if a["correct"])
    wrong = next(k for k, a in options(q).items() if not a["correct"])
    good, bad = grade(q, [right]), grade(q, [wrong])
    assert good["correct"] and len(good["others"]) == len(q["answers"]) - 1
    assert not bad["correct"] and bad["others"] == [] and bad["chosen"][0]["feedback"] == options(q)[wrong]["feedback"]


def test_grading_multiple_select_needs_exactly_the_right_set(banks):
    q = next(q for q in banks["piriformis"] if q["type"] == "many_choice")
    right = [k for k, a in options(q).items() if a["correct"]]
    assert grade(q, right)["correct"]
    assert not grade(q, right[:-1])["correct"]
    assert not grade(q, right + ["e"])["correct"]


# ------------------------------------------------------------------ static HTML for the book

@pytest.mark.parametrize("chapter", CHAPTERS)
def test_static_html_is_accessible_markup_with_embedded_data(banks, chapter):
    page = static_html(chapter, banks[chapter])
    n = len(banks[chapter])
    assert page.count("<fieldset>") == n and page.count("<legend>") == n
    assert page.count('aria-live="polite"') == n + 1
    assert page.count('class="tp-quiz-check"') == n
    for q in banks[chapter]:
        for k in options(q):
            assert f'id="tpq-{q["id"]}-{k}"' in page and f'for="tpq-{q["id"]}-{k}"' in page
    data = json.loads(re.search(r"<script type=\"application/json\"[^>]*>(.*?)</script>", page, re.S).group(1).replace("<\\/", "</"))
    assert set(data) == {q["id"] for q in banks[chapter]}
    assert static_html(chapter, banks[chapter]) == page, "deterministic for nbval"


# ------------------------------------------------------------------ the widget

def test_quiz_gives_widget_and_static_twin(tmp_path):
    dual = quiz("causes", student="Ana Silva", results_dir=tmp_path)
    bundle = dual._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'data-tp-quiz="causes"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Quiz: Causes (")


def test_widget_feedback_score_retry_and_recording(tmp_path):
    from triggerpoints.classroom import results
    from triggerpoints.classroom.session import recorder
    from triggerpoints.quizzes.widget import QuizWidget

    bank = quizbank.load_bank("causes")
    w = QuizWidget("causes", bank, student="Ana Silva", on_answer=recorder("Ana Silva", tmp_path))
    view = w.views[0]
    wrong = next(k for k in view.order if not options(view.question)[k]["correct"])
    right = next(k for k in view.order if options(view.question)[k]["correct"])
    view.check.click()
    assert "Choose an answer first" in view.feedback.value
    view.radio.value = wrong
    view.check.click()
    assert "Not quite" in view.feedback.value and view.radio.disabled
    assert w.score.value == f"<p>Right at the first try: 0 of {len(bank)}; right in the end: 0 of {len(bank)}</p>"
    view.retry.click()
    assert view.radio.value is None and not view.radio.disabled and view.feedback.value == ""
    view.radio.value = right
    view.check.click()
    assert "Correct." in view.feedback.value and "Why not the others?" in view.feedback.value
    assert w.score.value == f"<p>Right at the first try: 0 of {len(bank)}; right in the end: 1 of {len(bank)}</p>"
    gathered = results.gather(tmp_path)
    assert list(gathered.answers["correct"]) == [0, 1] and list(gathered.answers["attempt"]) == [1, 2]


def test_widget_many_choice_uses_checkboxes(tmp_path):
    from triggerpoints.quizzes.widget import QuizWidget

    bank = [q for q in quizbank.load_bank("causes") if q["type"] == "many_choice"]
    w = QuizWidget("causes", bank, student=None, on_answer=None)
    view = w.views[0]
    for key, box in zip(view.order, view.boxes):
        box.value = options(view.question)[key]["correct"]
    view.check.click()
    assert "Correct." in view.feedback.value
    assert not list(tmp_path.iterdir()), "self-study (no student) records nothing"


# ------------------------------------------------------------------ shared activities (issue 25)

def test_no_item_gives_a_shared_activity_to_one_muscle_as_telling_it_apart(questions):
    from triggerpoints import load_knowledge_base
    from triggerpoints.quizzes.checks import shared_activity_problems

    problems = shared_activity_problems(questions, load_knowledge_base())
    assert not problems, "\n".join(problems)


def test_the_shared_activity_check_catches_lifting_given_to_ql_against_the_erector_spinae(questions):
    from triggerpoints import load_knowledge_base
    from triggerpoints.quizzes.checks import shared_activity_problems

    item = copy.deepcopy(next(q for q in questions if q["id"] == "cmp_lumbar_ache"))
    item["question"] = "A deep ache beside the lumbar spine worsens after lifting boxes. Which source fits best?"
    for answer in item["answers"]:
        answer["feedback"] = "QL is provoked by lifting." if answer["correct"] else "No."
    problems = shared_activity_problems([item], load_knowledge_base())
    assert any("'Lifting' is given to quadratus_lumborum but aggravates erector_spinae" in p for p in problems), problems


def test_lifting_is_not_taught_as_telling_ql_from_the_erector_spinae():
    from triggerpoints import load_knowledge_base

    kb = load_knowledge_base()
    pairs = set(zip(kb.muscle_aggravators["muscle"], kb.muscle_aggravators["aggravator"]))
    assert {("quadratus_lumborum", "lifting"), ("erector_spinae", "lifting")} <= pairs
    pair = kb.differentiators[kb.differentiators["muscle"].isin(["quadratus_lumborum", "erector_spinae"])
                              & kb.differentiators["versus"].isin(["quadratus_lumborum", "erector_spinae"])]
    for row in pair.itertuples():
        assert "lifting" not in row.points_to.split(";"), row.id
        if "lift" in row.statement.lower():
            assert "both" in row.statement, row.statement


def test_an_article_only_aggravator_fact_must_say_so(questions):
    from triggerpoints import load_knowledge_base

    q = copy.deepcopy(next(q for q in questions if q["id"] == "case_warehouse_lift"))
    q["facts"] = [{"muscle": "quadratus_lumborum", "aggravator": "lifting"},
                  {"muscle": "quadratus_lumborum", "aggravator": "coughing_sneezing", "provenance": "article"}]
    problems = provenance_problems([q], load_knowledge_base())
    assert len(problems) == 2, problems
    assert "facts[0]" in problems[0] and "rests on an article-only fact" in problems[0]
    assert "facts[1]" in problems[1] and "is marked article-only" in problems[1]


def test_no_option_the_knowledge_base_makes_right_is_keyed_wrong(questions):
    from triggerpoints import load_knowledge_base
    from triggerpoints.quizzes.checks import made_right_problems

    kb = load_knowledge_base()
    assert not made_right_problems(questions, kb)
    item = copy.deepcopy(next(q for q in questions if q["id"] == "cmp_sitting"))
    next(a for a in item["answers"] if a["answer"] == "Gluteus medius")["correct"] = False
    problems = made_right_problems([item], kb)
    assert problems == ["comparison.json: question cmp_sitting: option 'Gluteus medius' is keyed wrong, "
                        "but data/muscle_aggravators.csv gives gluteus_medius 'prolonged_sitting' too"]
