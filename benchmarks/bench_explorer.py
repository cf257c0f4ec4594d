"""Explorer responsiveness: one toggle in the live widget, against re-plotting through `interact`.

Ours: every layer is drawn once; a toggle recomputes the visible set and rewrites a <style>
and a sentence (ExplorerWidget). Naive: ipywidgets `interactive` calls a function that
redraws the whole figure with matplotlib and renders it to PNG, as the inline backend does.
Also, in the static book: from a click on a checkbox to the next painted frame (Chromium).
"""

import contextlib
import io
import statistics
import sys
import time

TOGGLES = 240          # >= 200 toggles for our explorer
NAIVE_TOGGLES = 40     # each one is a full re-plot, so fewer; the median is stable well before


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _toggle_sequence(part_ids, n):
    """Tick and untick parts in turn, so each toggle changes what is shown."""
    return [part_ids[i % len(part_ids)] for i in range(n)]


def measure_explorer(kb, n=TOGGLES):
    from triggerpoints import explorer as ex
    model = ex.build_model(kb)
    widget = ex.ExplorerWidget(model, ex.initial_state(model), ex.layer_svgs("tpxbench", kb), "tpxbench")
    parts = [p for p in kb.part_ids if p in widget.part_boxes]
    muscles = list(widget.muscle_boxes)
    boxes = [widget.part_boxes[p] for p in parts] + [widget.muscle_boxes[m] for m in muscles]
    times, payload = [], 0
    for i in range(n):
        box = boxes[i % len(boxes)]
        start = time.perf_counter()
        box.value = not box.value
        times.append((time.perf_counter() - start) * 1000)
        payload = max(payload, len(widget.style.value) + len(widget.status.value))
    return times, payload


def measure_naive(kb, n=NAIVE_TOGGLES):
    import ipywidgets as w
    import matplotlib
    matplotlib.use("Agg")
    from triggerpoints import bodymap as bm
    parts = list(kb.part_ids)

    def replot(**ticked):
        chosen = [p for p, on in ticked.items() if on] or [parts[0]]
        fig = bm.map_figure(chosen, view="both", kb=kb)
        fig.savefig(io.BytesIO(), format="png", dpi=72)

    ui = w.interactive(replot, **{p: w.Checkbox(value=False, description=p) for p in parts})
    boxes = [c for c in ui.children if isinstance(c, w.Checkbox)]
    times = []
    with contextlib.redirect_stdout(io.StringIO()):  # interactive's output capture echoes here
        for i in range(n):
            box = boxes[i % len(boxes)]
            start = time.perf_counter()
            box.value = not box.value
            times.append((time.perf_counter() - start) * 1000)
    return times


def measure_static_frame(kb, toggles=60):
    """Click -> next animation frame in the static explorer, in headless Chromium (ms)."""
    import shutil
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from triggerpoints import explorer as ex
    root = Path(__file__).resolve().parents[1]
    tmp = Path(tempfile.mkdtemp(prefix="tp-bench-"))
    for f in ("tp-explorer.js", "tp-explorer.css"):
        shutil.copy(root / "_static" / f, tmp / f)
    page_html = ex.explore(kb=kb).static_html
    (tmp / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bench</title>'
        '<link rel="stylesheet" href="tp-explorer.css"><script src="tp-explorer.js"></script></head>'
        f"<body>{page_html}</body></html>", encoding="utf-8")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        page.goto((tmp / "index.html").as_uri())
        page.wait_for_selector("[data-tp-ready]")
        times = page.evaluate("""(n) => new Promise(resolve => {
            const boxes = Array.from(document.querySelectorAll('input[data-muscle]'));
            const out = [];
            function step(i) {
              if (i >= n) { resolve(out); return; }
              const t0 = performance.now();
              boxes[i % boxes.length].click();
              document.querySelector('.tp-x-views').getBoundingClientRect();  // force style + layout
              const work = performance.now() - t0;
              requestAnimationFrame(() => { out.push([work, performance.now() - t0]);
                                            setTimeout(() => step(i + 1), 20); });
            }
            step(0);
        })""", toggles)
        browser.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return times


def run():
    from triggerpoints import load_knowledge_base
    kb = load_knowledge_base()
    ours, payload = measure_explorer(kb)
    naive = measure_naive(kb)
    med, p95 = statistics.median(ours), _percentile(ours, 0.95)
    naive_med, naive_p95 = statistics.median(naive), _percentile(naive, 0.95)
    ratio = naive_med / med
    rows = [
        {"name": "explorer toggle, median (Python side)", "value": med, "unit": "ms", "budget": 50.0,
         "detail": f"{len(ours)} toggles of muscle/part checkboxes in ExplorerWidget; p95 {p95:.2f} ms; "
                   f"largest update sent {payload} characters"},
        {"name": "explorer toggle, p95 (Python side)", "value": p95, "unit": "ms", "budget": 50.0,
         "detail": f"{len(ours)} toggles"},
        {"name": "naive interact re-plot, median", "value": naive_med, "unit": "ms", "budget": 60000.0,
         "detail": f"{len(naive)} toggles through ipywidgets.interactive re-plotting both views to PNG; "
                   f"p95 {naive_p95:.1f} ms (the baseline; its budget is only a placeholder)"},
        {"name": "explorer toggle x5 vs naive re-plot", "value": 5 * med, "unit": "ms", "budget": naive_med,
         "detail": f"within budget when >= 5x faster than the naive re-plot; measured ratio {ratio:.0f}x "
                   f"({naive_med:.1f} ms / {med:.2f} ms)"},
    ]
    try:
        pairs = measure_static_frame(kb)
        work, frame = [w for w, _ in pairs], [f for _, f in pairs]
        rows.append({"name": "static book toggle, click to updated style and layout (median)",
                     "value": statistics.median(work), "unit": "ms", "budget": 1000 / 60,
                     "detail": f"{len(work)} clicks in headless Chromium (software rendering); p95 "
                               f"{_percentile(work, 0.95):.1f} ms; to the next animation frame: median "
                               f"{statistics.median(frame):.1f} ms, p95 {_percentile(frame, 0.95):.1f} ms"})
    except Exception as err:  # no Chromium here: the Python figures still stand
        print(f"static book toggle not measured: {err}", file=sys.stderr)
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']:.3f} {row['unit']} (budget {row['budget']:g}) - {row['detail']}")
