"""The book's finder (_static/tp-finder.js, under node) advises exactly like finder.advice.

Same ranking with "no" answers, same lead statement, same next question (and its why),
over seeded random answer sets on the design and the real knowledge base.
"""

import json
import random
import subprocess
from pathlib import Path

import pytest
from test_finder_parity import NODE, SCRIPT
from test_rank import design_kb, real_kb

from triggerpoints.finder import finder_data
from triggerpoints.finder.advice import ANSWERS, advise, checked_answers

DRIVER = """
const api = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { data, cases } = JSON.parse(input);
  const out = cases.map((answers) => {
    try { return api.advise(data, answers); }
    catch (error) { return { error: error.message }; }
  });
  process.stdout.write(JSON.stringify(out));
});
"""

pytestmark = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")


def run_node(tmp_path, data, cases):
    driver = tmp_path / "advice_driver.js"
    driver.write_text(DRIVER)
    done = subprocess.run([NODE, str(driver), str(SCRIPT)], input=json.dumps({"data": data, "cases": cases}),
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def random_answers(data, count, seed):
    rng = random.Random(seed)
    regions = [r["id"] for r in data["regions"]]
    aggravators = [a["id"] for a in data["aggravators"]]
    cases = [{}, {"regions": {regions[0]: "yes"}}, {"regions": {regions[0]: "no"}}]
    for i in range(count):
        # one case in eight has every area answered, so the next question is an activity
        asked = regions if i % 8 == 0 else rng.sample(regions, rng.randint(0, 8))
        cases.append({
            "regions": {r: rng.choice(ANSWERS) for r in asked},
            "aggravators": {a: rng.choice(ANSWERS) for a in rng.sample(aggravators, rng.randint(0, 5))},
        })
    return cases


def python_advice(data, answers):
    return json.loads(json.dumps(advise(data, checked_answers(data, answers))))


@pytest.mark.parametrize("make", [design_kb, real_kb], ids=["design", "real"])
def test_node_advice_equals_python(tmp_path, make):
    data = json.loads(json.dumps(finder_data(make())))  # exactly what the page embeds
    cases = random_answers(data, 400, seed=20261202)
    results = run_node(tmp_path, data, cases)
    mismatches = [(c, js, py) for c, js in zip(cases, results) if js != (py := python_advice(data, c))]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"
    # the cases really exercised every branch: questions, both kinds, close calls and clear leads
    asked = [r["next"]["kind"] for r in results if r["next"]]
    assert len(asked) > 250 and {"regions", "aggravators"} <= set(asked)
    kinds = {r["lead"]["kind"] for r in results}
    assert {"none", "clear", "close"} <= kinds
    assert any(row["absent_regions"] or row["absent_aggravators"] for r in results for row in r["rows"])


@pytest.mark.parametrize("answers, expected", [
    ({"regions": {"lower_bak": "yes"}}, ["unknown region id 'lower_bak'", "Valid region ids: base_of_skull, "]),
    ({"aggravators": {"lifting": "maybe"}},
     ["unknown answer 'maybe' for aggravator 'lifting'", "Valid answers: yes, no, unsure"]),
    ({"areas": {}}, ["unknown answer group 'areas'", "Valid groups: regions, aggravators"]),
])
def test_bad_answers_get_a_clear_error_in_node_and_python(tmp_path, answers, expected):
    data = json.loads(json.dumps(finder_data(design_kb())))
    [result] = run_node(tmp_path, data, [answers])
    with pytest.raises(ValueError) as info:
        checked_answers(data, answers)
    for part in expected:
        assert part in result["error"] and part in str(info.value)
