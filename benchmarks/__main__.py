"""Run every benchmarks/bench_*.py, write _build/bench.json and _build/bench.md.

Each module defines run() -> list of {"name", "value", "unit", "budget", "detail"};
a figure is within budget when value <= budget. `python -m benchmarks site build`
runs only the named modules.
"""

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import benchmarks

OUT = Path(__file__).resolve().parents[1] / "_build"


def modules(selected):
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    return [n for n in names if not selected or n.removeprefix("bench_") in selected]


def markdown(rows):
    lines = ["| figure | value | budget | within |", "|---|---:|---:|:---:|"]
    for r in rows:
        ok = "yes" if r["within_budget"] else "**no**"
        lines.append(f"| {r['name']} | {r['value']:.3g} {r['unit']} | {r['budget']:g} {r['unit']} | {ok} |")
    details = [f"- {r['name']}: {r['detail']}" for r in rows if r.get("detail")]
    return "\n".join(lines + [""] + details) + "\n"


def main(selected):
    rows = []
    for name in modules(selected):
        print(f"== {name}", flush=True)
        for row in importlib.import_module(f"benchmarks.{name}").run():
            row["within_budget"] = row["value"] <= row["budget"]
            rows.append(row)
            print(f"   {row['name']}: {row['value']:.3g} {row['unit']} (budget {row['budget']:g})", flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(rows, indent=2) + "\n")
    (OUT / "bench.md").write_text(markdown(rows))
    print(markdown(rows))
    return 0 if all(r["within_budget"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
