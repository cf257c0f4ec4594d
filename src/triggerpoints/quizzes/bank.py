"""Quiz banks: load and validate data/quizzes/<chapter>.json, export to jupyterquiz.

A bank file is a JSON list of questions in jupyterquiz's multiple/many-choice format
(`type`, `question`, `answers` = [{answer, correct, feedback}]) with our own fields added:
`id`, `chapter`, `kind`, `objective`, `muscles`, `difficulty`, `facts` and, for
"whose map is this?" questions, `map` = {"ids": [...], "view": ..., "side": ..., "layer": ...} (the map is
drawn from those ids by the body map; the bank never stores a picture). `layer` is "pain" unless
the bank says "both" or "muscle": the muscle's own shape would give the answer away.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

from ..paths import DATA_DIR

CHAPTERS = (
    "quadratus_lumborum", "erector_spinae", "gluteals", "piriformis", "iliopsoas",
    "hamstrings_adductors", "comparison", "cases", "causes", "treatment",
)
MUSCLE_CHAPTERS = CHAPTERS[:6]
MUSCLES = (
    "quadratus_lumborum", "erector_spinae", "multifidus", "gluteus_medius", "gluteus_minimus",
    "piriformis", "iliopsoas", "hamstrings", "adductors",
)
PARTS = (
    "ql_superficial", "ql_deep", "iliocostalis_lumborum", "iliocostalis_thoracis",
    "longissimus_thoracis", "erector_spinae_upper", "multifidus", "gluteus_medius",
    "gluteus_minimus_anterior", "gluteus_minimus_posterior", "piriformis", "psoas_major",
    "psoas_minor", "iliacus", "biceps_femoris", "semitendinosus", "semimembranosus",
    "adductor_magnus", "adductor_longus", "adductor_brevis", "gracilis",
)
KINDS = {  # our kind -> the jupyterquiz type it must use
    "single_best": "multiple_choice",
    "multiple_select": "many_choice",
    "whose_map": "multiple_choice",
    "case_vignette": "multiple_choice",
}
DIFFICULTIES = ("easy", "medium", "hard")
VIEWS = ("posterior", "anterior", "lateral", "both", "all")
SIDES = ("right", "left", "both")
MAP_LAYERS = ("pain", "both", "muscle")  # maps.draw.LAYERS; a whose-map question hides the muscle by default
FACT_SHAPES = (  # the key sets a structured claim may have
    {"part_or_muscle", "region"}, {"part_or_muscle", "region", "zone"},
    # a zone or aggravator fact that rests on the source article alone says so (checks.provenance_problems)
    {"part_or_muscle", "region", "provenance"}, {"part_or_muscle", "region", "zone", "provenance"},
    {"muscle", "aggravator"}, {"muscle", "aggravator", "provenance"}, {"muscle", "versus"}, {"muscle", "versus", "criterion"},
    {"part", "muscle"}, {"muscle", "field", "mentions"},
    {"table", "id"}, {"table", "mentions"},
)
REQUIRED = {
    "id": str, "chapter": str, "kind": str, "type": str, "objective": str,
    "muscles": list, "difficulty": str, "question": str, "answers": list, "facts": list,
}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class QuizBankError(ValueError):
    """Every problem found in the banks, each naming file, question id and field."""

    def __init__(self, problems):
        self.problems = list(problems)
        files = sorted({p.split(":")[0] for p in self.problems})
        head = f"{len(self.problems)} problem(s) in quiz bank(s) {', '.join(files)}"
        super().__init__("\n  ".join([head, *self.problems]))


def load_banks(chapters=CHAPTERS, quiz_dir=None):
    """Load and validate the named chapters' banks: {chapter: [question, ...]}.

    Raises QuizBankError listing every problem in every file; nothing is half-loaded.
    """
    quiz_dir = Path(quiz_dir) if quiz_dir else DATA_DIR / "quizzes"
    banks, problems, seen = {}, [], {}
    for chapter in chapters:
        path = quiz_dir / f"{chapter}.json"
        questions, file_problems = _read(path)
        problems += file_problems
        for question in questions:
            problems += _check_question(path.name, question, chapter, seen)
        banks[chapter] = questions
    if problems:
        raise QuizBankError(problems)
    return banks


def question_ids(banks):
    """Every question id in a {chapter: questions} mapping."""
    return {q["id"] for questions in banks.values() for q in questions}


def load_bank(chapter, quiz_dir=None):
    """One chapter's validated questions."""
    return load_banks((chapter,), quiz_dir)[chapter]


def _read(path):
    if not path.exists():
        return [], [f"{path.name}: file not found (expected {path})"]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        return [], [f"{path.name}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"]
    if not isinstance(data, list) or not data:
        return [], [f"{path.name}: expected a non-empty JSON list of questions"]
    bad = [i for i, q in enumerate(data) if not isinstance(q, dict)]
    problems = [f"{path.name}: item {i} is not a JSON object" for i in bad]
    return [q for q in data if isinstance(q, dict)], problems


def _check_question(fname, q, chapter, seen):
    qid = q.get("id") if isinstance(q.get("id"), str) else "?"
    where = f"{fname}: question {qid}"
    problems = [f"{where}, field {k}: missing (expected {t.__name__})" for k, t in REQUIRED.items() if k not in q]
    problems += [
        f"{where}, field {k}: expected {t.__name__}, found {type(q[k]).__name__}"
        for k, t in REQUIRED.items() if k in q and not isinstance(q[k], t)
    ]
    if problems:
        return problems
    for check in (_check_header, _check_answers, _check_map, _check_facts):
        problems += [f"{where}, field {p}" for p in check(q, chapter)]
    if qid in seen:
        problems.append(f"{where}, field id: duplicate id (also in {seen[qid]})")
    seen.setdefault(qid, fname)
    return problems


def _check_header(q, chapter):
    problems = []
    if not ID_PATTERN.match(q["id"]):
        problems.append(f"id: {q['id']!r} is not a snake_case id")
    if q["chapter"] != chapter:
        problems.append(f"chapter: {q['chapter']!r} does not match the file (expected {chapter!r})")
    if q["kind"] not in KINDS:
        problems.append(f"kind: {q['kind']!r} is not one of {', '.join(KINDS)}")
    elif q["type"] != KINDS[q["kind"]]:
        problems.append(f"type: {q['type']!r} does not fit kind {q['kind']!r} (expected {KINDS[q['kind']]!r})")
    if q["difficulty"] not in DIFFICULTIES:
        problems.append(f"difficulty: {q['difficulty']!r} is not one of {', '.join(DIFFICULTIES)}")
    unknown = [m for m in q["muscles"] if m not in MUSCLES]
    if unknown or not q["muscles"]:
        problems.append(f"muscles: expected known muscle ids, found {unknown or 'an empty list'}")
    for key in ("question", "objective"):
        if not q[key].strip():
            problems.append(f"{key}: empty text")
    return problems


def _check_answers(q, _chapter):
    answers, problems = q["answers"], []
    if len(answers) < 3:
        return [f"answers: expected at least 3 options, found {len(answers)}"]
    for i, a in enumerate(answers):
        if not isinstance(a, dict):
            problems.append(f"answers[{i}]: expected an object with answer, correct, feedback")
            continue
        for key, kind in (("answer", str), ("correct", bool), ("feedback", str)):
            if not isinstance(a.get(key), kind) or (kind is str and not a[key].strip()):
                problems.append(f"answers[{i}].{key}: expected a non-empty {kind.__name__}")
    texts = [a.get("answer") for a in answers if isinstance(a, dict)]
    if len(set(texts)) != len(texts):
        problems.append("answers: two options have the same text")
    n_correct = sum(1 for a in answers if isinstance(a, dict) and a.get("correct") is True)
    if q["type"] == "multiple_choice" and n_correct != 1:
        problems.append(f"answers: a {q['type']} question needs exactly 1 correct option, found {n_correct}")
    if q["type"] == "many_choice" and not 1 <= n_correct < len(answers):
        problems.append(f"answers: a many_choice question needs 1 to {len(answers) - 1} correct options, found {n_correct}")
    return problems


def _check_map(q, _chapter):
    if q["kind"] != "whose_map":
        return ["map: only whose_map questions carry a map"] if "map" in q else []
    spec = q.get("map")
    if not isinstance(spec, dict) or not isinstance(spec.get("ids"), list) or not spec["ids"]:
        return ['map: expected {"ids": [muscle or part ids], "view": ...}']
    problems = [f"map.ids: {i!r} is not a known muscle or part id" for i in spec["ids"] if i not in MUSCLES + PARTS]
    if spec.get("view", "both") not in VIEWS:
        problems.append(f"map.view: {spec.get('view')!r} is not one of {', '.join(VIEWS)}")
    if spec.get("side", "right") not in SIDES:
        problems.append(f"map.side: {spec.get('side')!r} is not one of {', '.join(SIDES)}")
    if spec.get("layer", "pain") not in MAP_LAYERS:
        problems.append(f"map.layer: {spec.get('layer')!r} is not one of {', '.join(MAP_LAYERS)}")
    return problems


def _check_facts(q, _chapter):
    if not q["facts"]:
        return ["facts: expected at least one claim from the knowledge base"]
    return [
        f"facts[{i}]: {f!r} is not a claim of a known shape"
        for i, f in enumerate(q["facts"])
        if not isinstance(f, dict) or set(f) not in FACT_SHAPES
    ]


def to_jupyterquiz(questions, with_maps=False):
    """The questions in plain jupyterquiz format (our extra fields dropped).

    With `with_maps`, a "whose map" question carries its drawn map in the question HTML.
    """
    out = []
    for q in questions:
        text = q["question"]
        if with_maps and q["kind"] == "whose_map":
            text = f"{text}<br>{map_markup(q)}"
        answers = [{k: a[k] for k in ("answer", "correct", "feedback")} for a in q["answers"]]
        out.append({"type": q["type"], "question": text, "answers": answers})
    return out


def map_markup(question):
    """The anonymous referral map of a "whose map" question, drawn from its ids."""
    spec = question["map"]
    return _drawn_map(tuple(spec["ids"]), spec.get("view", "both"), spec.get("layer", "pain"),
                      spec.get("side", "right"))


@lru_cache(maxsize=None)
def _drawn_map(ids, view, layer="pain", side="right"):
    from ..maps.figure import map_svg  # drawn on demand; the bank stores only ids

    return anonymise(map_svg(list(ids), view=view, anonymous=True, layer=layer, side=side))


def anonymise(svg):
    """Strip muscle and part names from a map's attributes, so the page source gives nothing away."""
    names = sorted(set(MUSCLES + PARTS), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names)))
    svg = re.sub(r'\s+data-(muscle|part)="[^"]*"', "", svg)
    code = {name: f"m{i}" for i, name in enumerate(sorted(set(MUSCLES + PARTS)))}

    def hide(match):
        return f'{match.group(1)}="{pattern.sub(lambda n: code[n.group(0)], match.group(2))}"'
    return re.sub(r'(id|href)="([^"]*)"', hide, svg)
