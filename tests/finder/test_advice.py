"""What to ask next and how clear the lead is (finder.advice): the rule, "no" answers, changes."""

import pytest
from test_rank import design_kb, real_kb, tiny_kb  # noqa: F401  (tiny_kb is a fixture)

from triggerpoints.finder import FinderError, finder_data, rank_muscles
from triggerpoints.finder.advice import advise, checked_answers, empty_answers, note_text, with_answer


def advice(kb, regions=None, aggravators=None):
    data = finder_data(kb)
    return advise(data, checked_answers(data, {"regions": regions or {}, "aggravators": aggravators or {}}))


# ---------------------------------------------------------------- "no" is an explicit absence


def test_a_no_in_an_essential_zone_costs_a_point_and_says_so(tiny_kb):
    base = rank_muscles(["lower_back"], kb=tiny_kb)
    denied = rank_muscles(["lower_back"], absent_regions=["sacroiliac"], kb=tiny_kb)
    before, after = dict(zip(base["muscle"], base["score"])), dict(zip(denied["muscle"], denied["score"]))
    assert after["alpha"] == before["alpha"] - 1  # sacroiliac is alpha's essential zone
    assert after["beta"] == before["beta"]  # only beta's spillover: a "no" there costs nothing
    assert list(denied["muscle"])[:2] == ["beta", "alpha"]  # the "no" reorders the two
    assert denied.loc[2, "reason"].endswith("no pain reported in its essential zone: the sacroiliac.")


def test_a_no_to_a_known_aggravator_costs_a_point(tiny_kb):
    ranking = rank_muscles(["lower_back"], absent_aggravators=["walking"], kb=tiny_kb)
    scores = dict(zip(ranking["muscle"], ranking["score"]))
    assert scores == {"alpha": 2, "beta": 1}
    assert ranking.loc[2, "reason"].endswith("not made worse by walking.")


def test_no_answers_alone_rank_nothing(tiny_kb):
    result = advice(tiny_kb, {"calf": "no", "groin": "no"})
    assert result["rows"] == [] and "Mark at least one" in result["message"] and result["next"] is None


def test_unknown_absent_ids_are_named(tiny_kb):
    with pytest.raises(FinderError, match=r"unknown aggravator id 'walkin'.*Valid aggravator ids: lifting"):
        rank_muscles(["calf"], absent_aggravators=["walkin"], kb=tiny_kb)


# ---------------------------------------------------------------- the next question


def test_the_next_question_separates_the_leaders_and_says_why():
    result = advice(design_kb(), {"groin": "yes", "lower_back": "yes"})
    leaders = [r["muscle"] for r in result["rows"][:2]]
    assert leaders == ["iliopsoas", "quadratus_lumborum"]
    nxt = result["next"]
    assert nxt["kind"] == "regions" and nxt["question"] == f"Is there pain in the {nxt['id'].replace('_', ' ')}?"
    zones = {m["id"]: m["zones"] for m in finder_data(design_kb())["muscles"]}
    assert zones["iliopsoas"].get(nxt["id"]) != zones["quadratus_lumborum"].get(nxt["id"])
    assert nxt["why"].startswith("Pain in the ") and " rather than " in nxt["why"]
    assert 0 < nxt["bits"] <= 1


def test_answering_moves_the_ranking_and_the_next_question(tiny_kb):
    first = advice(tiny_kb, {"lower_back": "yes"})
    asked = first["next"]
    assert asked is not None
    for answer in ("yes", "no", "unsure"):
        regions = {"lower_back": "yes", asked["id"]: answer} if asked["kind"] == "regions" else {"lower_back": "yes"}
        aggs = {asked["id"]: answer} if asked["kind"] == "aggravators" else {}
        later = advice(tiny_kb, regions, aggs)
        assert later["next"] is None or later["next"]["id"] != asked["id"]  # never asked twice
        if answer != "unsure":
            assert [(r["muscle"], r["score"]) for r in later["rows"]] != \
                [(r["muscle"], r["score"]) for r in first["rows"]]


def test_activities_are_asked_once_the_areas_are_answered():
    data = finder_data(design_kb())
    regions = {r["id"]: "unsure" for r in data["regions"]} | {"lower_back": "yes"}
    nxt = advice(design_kb(), regions)["next"]
    assert nxt["kind"] == "aggravators"
    assert nxt["question"].startswith("Does ") and nxt["question"].endswith(" make the pain worse?")
    assert nxt["why"].startswith("Pain made worse by ")


def test_nothing_to_ask_when_nothing_separates_the_leaders(tiny_kb):
    everything = {r["id"]: "unsure" for r in finder_data(tiny_kb)["regions"]}
    result = advice(tiny_kb, everything | {"lower_back": "yes"},
                    {a["id"]: "unsure" for a in finder_data(tiny_kb)["aggravators"]})
    assert result["rows"] and result["next"] is None


# ---------------------------------------------------------------- the lead


def test_a_close_call_quotes_a_differentiator_from_the_knowledge_base():
    kb = real_kb()
    result = advice(kb, {"lower_back": "yes", "groin": "yes"})
    lead = result["lead"]
    assert lead["kind"] == "close"
    pair = {result["rows"][0]["muscle"], result["rows"][1]["muscle"]}
    found = lead["differentiator"]
    assert {found["muscle"], found["versus"]} == pair
    assert found["statement"] in set(kb.differentiators["statement"])
    assert lead["text"].startswith("Close call between ") and found["statement"] in lead["text"]


def test_a_clear_lead_is_called_clear():
    result = advice(real_kb(), {"mid_buttock": "yes", "posterior_hip": "yes"}, {"prolonged_sitting": "yes"})
    gap = result["rows"][0]["score"] - result["rows"][1]["score"]
    assert gap >= 3
    assert result["lead"]["kind"] == "clear" and result["lead"]["differentiator"] is None
    assert result["lead"]["text"].startswith(
        f"Clear lead: piriformis, {gap} points ahead of {result['rows'][1]['name'].split(' (')[0].lower()}. ")


def test_once_the_lead_is_clear_it_says_what_to_examine_instead_of_asking():
    kb = real_kb()
    clear = advice(kb, {"mid_buttock": "yes", "posterior_hip": "yes"}, {"prolonged_sitting": "yes"})
    assert clear["next"] is None, "no more questions once the lead is clear"
    assert "examine piriformis next" in clear["lead"]["text"] and "Palpate it" in clear["lead"]["text"]
    close = advice(kb, {"lower_back": "yes", "groin": "yes"})
    assert close["lead"]["kind"] == "close" and close["next"] is not None, "a close call still asks"
    assert "examine" not in close["lead"]["text"]


def test_the_muscle_test_from_the_differentiators_is_suggested():
    kb = real_kb()
    test = kb.differentiators[(kb.differentiators.muscle == "iliopsoas")
                              & (kb.differentiators.criterion == "muscle_testing")].statement.iloc[0]
    text = advice(kb, {"groin": "yes", "anterior_thigh": "yes", "anterior_hip": "yes"},
                  {"hip_flexion": "yes"})["lead"]["text"]
    assert text.startswith(("Clear lead: iliopsoas", "One candidate only: iliopsoas")), text
    assert f"Muscle test: {test}" in text


def test_a_pair_without_a_differentiator_says_so(tiny_kb):
    lead = advice(tiny_kb, {"lower_back": "yes"})["lead"]  # the tiny kb has no differentiators
    assert lead["kind"] == "close" and "no differentiator for this pair" in lead["text"]


# ---------------------------------------------------------------- changing an answer


def test_a_contradictory_answer_keeps_the_last_and_says_so(tiny_kb):
    data = finder_data(tiny_kb)
    answers, note = with_answer(empty_answers(), "regions", "groin", "yes")
    assert note_text(data, note) == "Groin: yes."
    answers, note = with_answer(answers, "regions", "groin", "no")
    assert answers["regions"] == {"groin": "no"}
    assert note_text(data, note) == "Groin: no (replaces your earlier yes)."
    answers, note = with_answer(answers, "regions", "groin", None)
    assert answers["regions"] == {} and note_text(data, note) == "Groin: no answer (replaces your earlier no)."


def test_with_answer_leaves_the_old_answers_untouched(tiny_kb):
    old = {"regions": {"calf": "yes"}, "aggravators": {}}
    new, _ = with_answer(old, "regions", "calf", "no")
    assert old["regions"] == {"calf": "yes"} and new["regions"] == {"calf": "no"}
