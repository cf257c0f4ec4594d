/* Referral-map explorer for the static book: no kernel, no network, works from file://.
 * The same rules as triggerpoints/explorer.py (visible_keys, describe): the page embeds the
 * model as JSON and every layer as hidden SVG; a change rewrites one <style>, nothing else.
 * Does nothing on pages without a [data-tp-explorer] element. */
(function () {
  "use strict";

  function views(state) {
    return state.view === "both" ? ["posterior", "anterior"] : [state.view];
  }

  function compareRegions(model, state) {
    var vs = views(state);
    function reach(muscle) {
      var out = {};
      model.zones.forEach(function (z) {
        if (z.muscle === muscle && vs.indexOf(z.view) >= 0 && (state.spillover || z.zone === "essential")) {
          out[z.region] = true;
        }
      });
      return out;
    }
    var a = reach(state.compare[0]), b = reach(state.compare[1]);
    var groups = { both: [], first: [], second: [] };
    model.regions.forEach(function (r) {
      if (a[r] && b[r]) { groups.both.push(r); }
      else if (a[r]) { groups.first.push(r); }
      else if (b[r]) { groups.second.push(r); }
    });
    return groups;
  }

  /* bodymap.drawn_zones: among the zones shown, a muscle's spillover zone is hidden where the
   * same muscle has an essential zone in that region (the hatch would show through the fill). */
  function drawnZones(zones) {
    var covered = {};
    zones.forEach(function (z) {
      if (z.zone === "essential") { covered[z.muscle + " " + z.region] = true; }
    });
    return zones.filter(function (z) {
      return z.zone === "essential" || !covered[z.muscle + " " + z.region];
    });
  }

  function visibleKeys(model, state) {
    var vs = views(state);
    var keys = vs.map(function (v) { return "view-" + v; });
    if (state.compare) {
      var pair = state.compare, g = compareRegions(model, state);
      ["both", "first", "second"].forEach(function (kind) {
        g[kind].forEach(function (r) { keys.push("c-" + r + "-" + kind); });
      });
      model.points.forEach(function (t) {
        if (pair.indexOf(t.muscle) >= 0 && vs.indexOf(t.view) >= 0) { keys.push(t.key); }
      });
      return keys.concat(["legend-compare"], pair.map(function (m) { return "legend-" + m; }));
    }
    var parts = {};
    state.parts.forEach(function (p) { parts[p] = true; });
    drawnZones(model.zones.filter(function (z) {
      return parts[z.part] && vs.indexOf(z.view) >= 0 && (state.spillover || z.zone === "essential");
    })).forEach(function (z) { keys.push(z.key); });
    model.points.forEach(function (t) {
      if (parts[t.part] && vs.indexOf(t.view) >= 0) { keys.push(t.key); }
    });
    model.muscles.forEach(function (m) {
      if (m.parts.some(function (p) { return parts[p.id]; })) { keys.push("legend-" + m.id); }
    });
    return keys;
  }

  function stateCss(prefix, keys) {
    var s = "#" + prefix;
    var css = s + " .tp-zone," + s + " .tp-point," + s + " .tp-compare," + s + " .tp-view," +
      s + " .tp-x-legend-item{display:none}";
    /* "#root #root-key" outranks the "#root .class" rule that hides every layer. */
    var shown = keys.map(function (k) { return s + " #" + prefix + "-" + k; }).join(",");
    return shown ? css + shown + "{display:block}" : css;
  }

  function uniq(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  function describe(model, state) {
    var labels = model.labels, names = {};
    model.muscles.forEach(function (m) { names[m.id] = m.name; });
    var vs = views(state);
    var where = vs.length === 2 ? "posterior and anterior views" : vs[0] + " view";
    if (state.compare) {
      var a = state.compare[0], b = state.compare[1], g = compareRegions(model, state);
      var out = ["Comparing " + names[a] + " and " + names[b] + " on the " + where + "."];
      [["both", "Shared"], ["first", "Only " + names[a]], ["second", "Only " + names[b]]].forEach(function (kl) {
        var list = g[kl[0]].map(function (r) { return labels[r]; }).join(", ");
        out.push(kl[1] + ": " + (list || "none") + ".");
      });
      return out.join(" ");
    }
    var chosen = {};
    state.parts.forEach(function (p) { chosen[p] = true; });
    var sentences = [];
    model.muscles.forEach(function (m) {
      if (!m.parts.some(function (p) { return chosen[p.id]; })) { return; }
      var zones = model.zones.filter(function (z) {
        return chosen[z.part] && z.muscle === m.id && vs.indexOf(z.view) >= 0;
      });
      var said = {};
      var bits = (state.spillover ? ["essential", "spillover"] : ["essential"]).map(function (zone) {
        var regions = uniq(zones.filter(function (z) { return z.zone === zone; })
          .map(function (z) { return labels[z.region]; }))
          .filter(function (r) { return !said[r]; });
        regions.forEach(function (r) { said[r] = true; });
        return zone + " " + (regions.length ? regions.join(", ") : "none on this view");
      });
      sentences.push(m.name + ": " + bits.join("; ") + ".");
    });
    return sentences.length ? "Shown on the " + where + ". " + sentences.join(" ") :
      "No muscle selected. Tick a muscle or one of its parts to see where its trigger points refer pain.";
  }

  function readState(root, model) {
    var parts = [];
    model.muscles.forEach(function (m) {
      m.parts.forEach(function (p) {
        var box = root.querySelector('input[data-part="' + p.id + '"]');
        var on = box ? box.checked : root.querySelector('input[data-muscle="' + m.id + '"]').checked;
        if (on) { parts.push(p.id); }
      });
    });
    var view = root.querySelector('input[data-role="view"]:checked');
    var a = root.querySelector('[data-role="compare-0"]').value;
    var b = root.querySelector('[data-role="compare-1"]').value;
    return {
      parts: parts,
      view: view ? view.value : "both",
      spillover: root.querySelector('[data-role="spillover"]').checked,
      compare: a && b && a !== b ? [a, b] : null
    };
  }

  function syncMuscleBoxes(root, model) {
    model.muscles.forEach(function (m) {
      if (m.parts.length < 2) { return; }
      var boxes = m.parts.map(function (p) { return root.querySelector('input[data-part="' + p.id + '"]'); });
      var on = boxes.filter(function (b) { return b.checked; }).length;
      var mbox = root.querySelector('input[data-muscle="' + m.id + '"]');
      mbox.checked = on === boxes.length;
      mbox.indeterminate = on > 0 && on < boxes.length;
    });
  }

  function wire(root) {
    var prefix = root.getAttribute("data-tp-explorer");
    var script = root.querySelector('script[data-tp-model="' + prefix + '"]');
    var styleEl = root.querySelector('style[data-role="state"]');
    var status = root.querySelector(".tp-x-status");
    if (!script || !styleEl) { return; }
    var model = JSON.parse(script.textContent).model;

    function update() {
      var state = readState(root, model);
      var keys = visibleKeys(model, state);
      styleEl.textContent = stateCss(prefix, keys);
      status.textContent = describe(model, state);
      root.tpState = state;
      root.tpVisibleKeys = keys;
    }

    root.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.hasAttribute("data-muscle")) {
        root.querySelectorAll('input[data-of="' + t.getAttribute("data-muscle") + '"]').forEach(function (p) {
          p.checked = t.checked;
        });
      }
      syncMuscleBoxes(root, model);
      update();
    });
    var clear = root.querySelector('[data-role="clear"]');
    if (clear) {
      clear.addEventListener("click", function () {
        root.querySelectorAll("input[data-muscle], input[data-part]").forEach(function (b) { b.checked = false; });
        root.querySelectorAll("select").forEach(function (s) { s.value = ""; });
        syncMuscleBoxes(root, model);
        update();
      });
    }
    syncMuscleBoxes(root, model);
    update();
    root.setAttribute("data-tp-ready", "true");
  }

  function init() {
    document.querySelectorAll("[data-tp-explorer]").forEach(wire);
  }

  /* Exposed for tests that compare these rules with the Python ones. */
  window.tpExplorer = { visibleKeys: visibleKeys, describe: describe, stateCss: stateCss };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
