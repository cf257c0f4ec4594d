"""Quality checks of quiz items: item-writing practice, and facts backed by the knowledge base.

`item_writing_problems(question)`: no "all/none of the above", no negative lead-in without
emphasis, a lead-in that asks a question, no key conspicuously longer than every distractor.
`fact_problems(questions, kb)`: each structured claim in a question's `facts` must be in the
knowledge base (referral zones, aggravators, differentiators, parts, muscle fields, table rows).
`provenance_problems(questions, kb)`: a zone or aggravator fact that only the source article
supports must say `"provenance": "article"`, so no question passes an article-only fact off as
the classic map; and a fact marked so must really be article-only.
`shared_activity_problems(questions, kb)`: no item gives the keyed muscle an activity that a
distractor's muscle shares, unless its text says so.
"""

import re


BANNED_OPTIONS = re.compile(r"\b(all|none|both|neither) of the (above|these|options)\b|\ball of them\b", re.I)
NEGATIVE = re.compile(r"\b(not|except|least|never|cannot|isn't|doesn't)\b", re.I)
EMPHASIS = re.compile(r"<(strong|em|b)>\s*(not|except|least|never|cannot)\s*</\1>|\b(NOT|EXCEPT|LEAST|NEVER|CANNOT)\b")


def item_writing_problems(question):
    """Breaches of item-writing practice in one question (empty when it is sound)."""
    qid, problems = question["id"], []
    for i, a in enumerate(question["answers"]):
        if BANNED_OPTIONS.search(a["answer"]):
            problems.append(f"{qid}: option {i} uses 'all/none of the above'")
    problems += _length_cue(question)
    lead_in = _lead_in(question["question"])
    plain = EMPHASIS.sub("", lead_in)
    if NEGATIVE.search(plain):
        problems.append(f"{qid}: negative lead-in without emphasis: {lead_in!r}")
    if not lead_in.rstrip().endswith("?"):
        problems.append(f"{qid}: the lead-in should end as a question: {lead_in!r}")
    return problems


def _length_cue(question):
    """A single key that is conspicuously the longest option gives the answer away."""
    right = [len(a["answer"]) for a in question["answers"] if a["correct"]]
    wrong = [len(a["answer"]) for a in question["answers"] if not a["correct"]]
    if len(right) == 1 and wrong and right[0] > 50 and right[0] > 1.3 * max(wrong):
        return [f"{question['id']}: the correct option is much longer than every distractor"]
    return []


def _lead_in(stem):
    """The last sentence of a stem: the question actually asked."""
    sentences = re.split(r"(?<=[.!?])\s+", stem.strip())
    while len(sentences) > 1 and sentences[-1].startswith("Select"):
        sentences.pop()  # the "select every one that applies" instruction
    return sentences[-1]


def fact_problems(questions, kb):
    """Each structured claim in `facts` that the knowledge base does not hold."""
    checks = {
        frozenset({"part_or_muscle", "region"}): _has_zone,
        frozenset({"part_or_muscle", "region", "zone"}): _has_zone,
        frozenset({"muscle", "aggravator"}): _has_aggravator,
        frozenset({"muscle", "versus"}): _has_differentiator,
        frozenset({"muscle", "versus", "criterion"}): _has_differentiator,
        frozenset({"part", "muscle"}): _has_part,
        frozenset({"muscle", "field", "mentions"}): _mentions_field,
        frozenset({"table", "id"}): _has_row,
        frozenset({"table", "mentions"}): _mentions_row,
    }
    return [
        f"{q['chapter']}.json: question {q['id']}, field facts[{i}]: {fact} is not in the knowledge base"
        for q in questions for i, fact in enumerate(q["facts"])
        if not checks[frozenset(fact) - {"provenance"}](kb, fact)
    ]


def provenance_problems(questions, kb):
    """Zone and aggravator facts whose stated provenance disagrees with the knowledge base's rows."""
    problems = []
    for q in questions:
        for i, fact in enumerate(q["facts"]):
            if "region" in fact:
                rows = _zone_rows(kb, fact)
            elif "aggravator" in fact:
                ma = kb.muscle_aggravators
                rows = ma[(ma["muscle"] == fact["muscle"]) & (ma["aggravator"] == fact["aggravator"])]
            else:
                continue
            article_only = len(rows) > 0 and bool((rows["provenance"] == "article").all())
            where = f"{q['chapter']}.json: question {q['id']}, field facts[{i}]: {fact}"
            if article_only and fact.get("provenance") != "article":
                problems.append(f"{where} rests on an article-only fact; mark it \"provenance\": \"article\" "
                                "and do not present it as part of the classic map")
            elif not article_only and "provenance" in fact:
                problems.append(f"{where} is marked article-only, but a classic or secondary source "
                                "supports it; drop the mark")
    return problems


def _parts_of(kb, part_or_muscle):
    parts = kb.parts
    return set(parts.loc[parts["muscle"] == part_or_muscle, "id"]) | {part_or_muscle}


def _zone_rows(kb, fact):
    rz = kb.referral_zones
    hit = rz["part"].isin(_parts_of(kb, fact["part_or_muscle"])) & (rz["region"] == fact["region"])
    if "zone" in fact:
        hit &= rz["zone"] == fact["zone"]
    return rz[hit]


def _has_zone(kb, fact):
    return len(_zone_rows(kb, fact)) > 0


def _has_aggravator(kb, fact):
    ma = kb.muscle_aggravators
    return bool(((ma["muscle"] == fact["muscle"]) & (ma["aggravator"] == fact["aggravator"])).any())


def _has_differentiator(kb, fact):
    df = kb.differentiators
    hit = (df["muscle"] == fact["muscle"]) & (df["versus"] == fact["versus"])
    if "criterion" in fact:
        hit &= df["criterion"] == fact["criterion"]
    return bool(hit.any())


def _has_part(kb, fact):
    parts = kb.parts
    return bool(((parts["id"] == fact["part"]) & (parts["muscle"] == fact["muscle"])).any())


def _mentions_field(kb, fact):
    row = kb.muscles.loc[kb.muscles["id"] == fact["muscle"]]
    return bool(len(row)) and fact["mentions"].lower() in str(row.iloc[0][fact["field"]]).lower()


def _has_row(kb, fact):
    return fact["id"] in set(getattr(kb, fact["table"])["id"])


def _mentions_row(kb, fact):
    table = getattr(kb, fact["table"]).astype(str)
    needle = fact["mentions"].lower()
    return bool(table.apply(lambda col: col.str.lower().str.contains(needle, regex=False)).any().any())


SHARED_WORDS = re.compile(r"\b(both|too|as well|also|shared?|alike|either|match)\b", re.I)


def _answer_muscle(answer, kb):
    """The muscle an option names ("Gluteus minimus, anterior fibres" -> gluteus_minimus), or None."""
    text = answer.lower()
    names = {m: n.split(" (")[0].lower() for m, n in zip(kb.muscles["id"], kb.muscles["name"])}
    names["quadratus_lumborum"], hits = "quadratus lumborum", []
    for muscle, name in names.items():
        if text.startswith(name) or text.startswith(muscle.replace("_", " ")):
            hits.append(muscle)
    return hits[0] if len(hits) == 1 else None


def shared_activity_problems(questions, kb):
    """Items that give an activity to the keyed muscle as if it told it apart from a distractor's
    muscle, when the knowledge base gives that activity to both (and no text says so)."""
    provokes = set(zip(kb.muscle_aggravators["muscle"], kb.muscle_aggravators["aggravator"]))
    labels = dict(zip(kb.aggravators["id"], kb.aggravators["label"]))
    problems = []
    for q in questions:
        keys = [_answer_muscle(a["answer"], kb) for a in q["answers"] if a["correct"]]
        if q["kind"] == "case_vignette" or q.get("type") == "multiple_choice":
            others = {_answer_muscle(a["answer"], kb) for a in q["answers"] if not a["correct"]} - {None}
            text = " ".join([q["question"], *(a["feedback"] for a in q["answers"])])
            for key in filter(None, keys):
                for fact in q["facts"]:
                    if fact.get("muscle") != key or "aggravator" not in fact:
                        continue
                    both = sorted(m for m in others if (m, fact["aggravator"]) in provokes)
                    if both and not SHARED_WORDS.search(text):
                        problems.append(f"{q['chapter']}.json: question {q['id']}: '{labels[fact['aggravator']]}' "
                                        f"is given to {key} but aggravates {', '.join(both)} too; say so or drop it")
    return problems


def made_right_problems(questions, kb):
    """Select-all items whose keys share an activity (in `facts`) that the knowledge base also
    gives to a distractor's muscle: that option is right and must be keyed right."""
    provokes = set(zip(kb.muscle_aggravators["muscle"], kb.muscle_aggravators["aggravator"]))
    problems = []
    for q in questions:
        keys = [_answer_muscle(a["answer"], kb) for a in q["answers"] if a["correct"]]
        if len(keys) < 2 or None in keys:
            continue
        shared = set.intersection(*({f["aggravator"] for f in q["facts"] if f.get("muscle") == k
                                     and "aggravator" in f} for k in keys))
        for answer in (a for a in q["answers"] if not a["correct"]):
            muscle = _answer_muscle(answer["answer"], kb)
            for agg in sorted(a for a in shared if (muscle, a) in provokes):
                problems.append(f"{q['chapter']}.json: question {q['id']}: option '{answer['answer']}' is keyed "
                                f"wrong, but data/muscle_aggravators.csv gives {muscle} '{agg}' too")
    return problems
