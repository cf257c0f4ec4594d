"""The book's pain finder (_static/tp-finder.js, run under node) ranks exactly like rank_muscles."""

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_rank import design_kb, real_kb

from triggerpoints.finder import finder_data, rank_muscles
from triggerpoints.finder.rank import COLUMNS
from conftest import ROOT

SCRIPT = ROOT / "_static" / "tp-finder.js"
NODE = shutil.which("node") or "/usr/bin/node"
DRIVER = """
const api = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { data, queries } = JSON.parse(input);
  const out = queries.map(([regions, aggravators]) => {
    try { return api.rank(data, regions, aggravators); }
    catch (error) { return { error: error.message }; }
  });
  process.stdout.write(JSON.stringify(out));
});
"""

pytestmark = pytest.mark.skipif(not Path(NODE).exists(), reason="node is not installed")


def run_node(tmp_path, data, queries):
    driver = tmp_path / "driver.js"
    driver.write_text(DRIVER)
    done = subprocess.run([NODE, str(driver), str(SCRIPT)], input=json.dumps({"data": data, "queries": queries}),
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def random_queries(data, count, seed):
    rng = random.Random(seed)
    regions = [r["id"] for r in data["regions"]]
    aggravators = [a["id"] for a in data["aggravators"]]
    queries = [[[], []], [regions[:1], []], [[], aggravators[:1]]]
    for _ in range(count):
        r = rng.sample(regions, rng.randint(0, 7))
        a = rng.sample(aggravators, rng.randint(0, 4))
        if r and rng.random() < 0.2:
            r.append(r[0])  # duplicates must not change anything
        queries.append([r, a])
    return queries


def python_ranking(query, kb):
    ranking = rank_muscles(*query, kb=kb)
    rows = [{c: list(v) if isinstance(v, tuple) else v for c, v in zip(COLUMNS, row)}
            for row in ranking.itertuples(index=False)]
    for row in rows:
        row["score"] = int(row["score"])
    return {"rows": rows, "message": ranking.message}


@pytest.mark.parametrize("kb_name, make", [("design", design_kb), ("real", real_kb)])
def test_node_ranking_equals_rank_muscles(tmp_path, kb_name, make):
    kb = make()
    data = json.loads(json.dumps(finder_data(kb)))  # exactly what the page embeds
    queries = random_queries(data, 400, seed=20260101)
    results = run_node(tmp_path, data, queries)
    for result in results:  # the DataFrame's columns (the "no" answers are tested in test_advice_parity)
        result["rows"] = [{c: row[c] for c in COLUMNS} for row in result["rows"]]
    mismatches = [(q, js, py) for q, js in zip(queries, results)
                  if js != (py := python_ranking(q, kb))]
    assert not mismatches, f"{len(mismatches)} of {len(queries)} differ; first: {mismatches[0]}"
    assert sum(bool(r["rows"]) for r in results) > 300  # the queries really exercised the ranking


def test_node_rejects_unknown_ids_naming_the_valid_ones(tmp_path):
    data = json.loads(json.dumps(finder_data(design_kb())))
    [result] = run_node(tmp_path, data, [[["lower_bak"], []]])
    assert "unknown region id 'lower_bak'" in result["error"]
    assert "Valid region ids: base_of_skull, back_of_neck" in result["error"]


@pytest.mark.parametrize("name", ["tp-finder.js", "tp-finder-page.js", "tp-finder-draw.js"])
def test_the_scripts_stay_plain_offline_browser_scripts(name):
    source = (ROOT / "_static" / name).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|export)\b", source, re.M)
    for forbidden in ("fetch(", "XMLHttpRequest", "http://", "https://", "eval("):
        assert forbidden not in source


def test_the_page_script_wires_every_finder_once_the_page_is_parsed():
    source = (ROOT / "_static" / "tp-finder-page.js").read_text(encoding="utf-8")
    assert "DOMContentLoaded" in source and "[data-tp-finder]" in source
