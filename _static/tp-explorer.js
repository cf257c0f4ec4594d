/* Referral-map explorer for the static book: no kernel, no network, works from file://.
 * The same rules as triggerpoints/explorer.py (visible_keys, describe): the page embeds the
 * model as JSON and every layer as hidden SVG; a change rewrites one <style>, nothing else.
 * Does nothing on pages without a [data-tp-explorer] element. */
(function () {
  "use strict";

  /* explorer_model.page_model left out each left-side record: it is the right one with "-left"
   * on its keys, and it follows it in the list. */
  function expand(model) {
    if (!model.mirrored) { return model; }
    var out = {};
    Object.keys(model).forEach(function (k) { if (k !== "mirrored") { out[k] = model[k]; } });
    ["zones", "points", "shapes"].forEach(function (name) {
      out[name] = [];
      model[name].forEach(function (r) {
        var left = {};
        Object.keys(r).forEach(function (k) {
          left[k] = (k === "key" || k === "whole" || k === "shape") ? r[k] + "-left" : r[k];
        });
        left.side = "left";
        out[name].push(r, left);
      });
    });
    return out;
  }

  var VIEW_CHOICES = { both: ["posterior", "anterior"], all: ["posterior", "anterior", "lateral"] };

  function views(state) {
    return VIEW_CHOICES[state.view] || [state.view];
  }

  /* geometry.sides_for */
  function sides(state) {
    var side = state.side || "right";
    return side === "both" ? ["right", "left"] : [side];
  }

  /* selection.side_key: the left side's elements carry "-left". */
  function sideKey(key, side) { return side === "right" ? key : key + "-" + side; }

  function on(record, vs, ss) { return vs.indexOf(record.view) >= 0 && ss.indexOf(record.side) >= 0; }

  /* explorer_model.panel_keys: the lateral view has one figure per side. */
  function panelKeys(model, state) {
    var keys = [];
    views(state).forEach(function (v) {
      if (model.paired.indexOf(v) >= 0) {
        sides(state).forEach(function (s) { keys.push("view-" + sideKey(v, s)); });
      } else { keys.push("view-" + v); }
    });
    return keys;
  }

  /* words.join_words */
  function joinWords(items) {
    return items.length <= 1 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  /* words.where_words */
  function whereWords(vs, ss) {
    return joinWords(vs) + (vs.length > 1 ? " views, " : " view, ") + (ss.length > 1 ? "both sides" : ss[0] + " side");
  }

  /* comparing.compare_units: what the compare menus offer, a muscle or a part of a muscle of several */
  function units(model) {
    var out = {};
    model.muscles.forEach(function (m) {
      out[m.id] = { name: m.name, muscle: m.id, parts: m.parts.map(function (p) { return p.id; }) };
      if (m.parts.length > 1) {
        m.parts.forEach(function (p) { out[p.id] = { name: p.label, muscle: m.id, parts: [p.id] }; });
      }
    });
    return out;
  }

  function compareRegions(model, state) {
    var vs = views(state), us = units(model);
    function reach(unit) {
      var out = {};
      zonesOn(model, state).forEach(function (z) {
        if (us[unit].parts.indexOf(z.part) >= 0 && vs.indexOf(z.view) >= 0 && (state.spillover || z.zone === "essential")) {
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
    function where(z) { return [z.muscle, z.region, z.view, z.side].join(" "); }
    zones.forEach(function (z) {
      if (z.zone === "essential") { covered[where(z)] = true; }
    });
    return zones.filter(function (z) {
      return z.zone === "essential" || !covered[where(z)];
    });
  }

  function layerOf(state) { return state.layer || "both"; }

  /* explorer_model._zones_on: with "classic maps only", the zones the article alone gives are out. */
  function zonesOn(model, state) {
    var ss = sides(state);
    return model.zones.filter(function (z) { return !(state.classic && z.article) && ss.indexOf(z.side) >= 0; });
  }

  /* explorer_model._settings */
  function settings(state) {
    return ", " + LAYER_WORDS[layerOf(state)] + (state.classic ? ", unconfirmed zones hidden" : "");
  }

  /* explorer_model._article_only: "region zone" pairs only the course article gives. */
  function articleOnly(zones) {
    var classic = {}, out = {};
    zones.forEach(function (z) { if (!z.article) { classic[z.region + " " + z.zone] = true; } });
    zones.forEach(function (z) {
      if (z.article && !classic[z.region + " " + z.zone]) { out[z.region + " " + z.zone] = true; }
    });
    return out;
  }

  /* pointchoice.chosen_points: {part: point} for ticked parts whose choice is one of their points. */
  function chosenPoints(model, state) {
    var picked = state.points || {}, out = {};
    state.parts.forEach(function (p) {
      if ((model.point_choices[p] || []).some(function (c) { return c.id === picked[p]; })) { out[p] = picked[p]; }
    });
    return out;
  }

  /* pointchoice.belongs: a zone or X of a part showing one point belongs to it or to all its points. */
  function belongs(record, chosen) {
    var point = chosen[record.part];
    return point === undefined || record.point === point || record.point === "all";
  }

  /* patterns.pattern_key, for one point's pattern (pointchoice.point_key) */
  function pointKey(point, z) {
    return "z-" + point + "-" + z.zone + "-" + z.view + (z.article ? "-article" : "") + (z.side === "left" ? "-left" : "");
  }

  /* pointchoice.point_words */
  function pointWords(model, parts, chosen) {
    var names = {}, partNames = {};
    model.muscles.forEach(function (m) { m.parts.forEach(function (p) { partNames[p.id] = p.name; }); });
    parts.forEach(function (p) { (model.point_choices[p] || []).forEach(function (c) { names[c.id] = c.name; }); });
    return parts.filter(function (p) { return chosen[p] !== undefined; }).map(function (p) {
      var w = names[chosen[p]];
      return "one trigger point of " + partNames[p] + " shown: " + w.charAt(0).toLowerCase() + w.slice(1) + " (its X alone)";
    });
  }

  function visibleKeys(model, state) {
    var vs = views(state), ss = sides(state), layer = layerOf(state);
    var keys = panelKeys(model, state);
    if (state.compare) {
      var us = units(model), inPair = {};
      var pair = state.compare.map(function (u) { return us[u].muscle; });  /* the marks are drawn per muscle */
      state.compare.forEach(function (u) { us[u].parts.forEach(function (p) { inPair[p] = true; }); });
      if (layer !== "muscle") {
        var g = compareRegions(model, state);
        /* explorer_model.visible_keys: per side and view, the marks of the regions on that view */
        ss.forEach(function (side) {
          vs.forEach(function (v) {
            var tail = model.paired.indexOf(v) >= 0 ? "-" + v : "";
            [["both", ""], ["first", pair[0] + "-"], ["second", pair[1] + "-"]].forEach(function (kp) {
              g[kp[0]].forEach(function (r) {
                if (model.view_regions[v].indexOf(r) >= 0) { keys.push(sideKey("c-" + r + "-" + kp[1] + kp[0] + tail, side)); }
              });
            });
          });
        });
      }
      if (layer !== "pain") {
        model.shapes.forEach(function (s) {
          if (inPair[s.part] && on(s, vs, ss)) { keys.push(s.key); }
        });
      }
      model.points.forEach(function (t) {
        if (inPair[t.part] && on(t, vs, ss)) { keys.push(t.key); }
      });
      return keys.concat(["legend-cmp-both", "legend-cmp-" + pair[0] + "-first", "legend-cmp-" + pair[1] + "-second"]);
    }
    var parts = {}, chosen = chosenPoints(model, state);
    state.parts.forEach(function (p) { parts[p] = true; });
    if (layer !== "muscle") {
      /* A whole muscle ticked shows its own smooth shapes (unless a part shows one point alone);
       * some of its parts, their shapes; a part showing one point, that point's shapes. */
      var whole = {};
      model.muscles.forEach(function (m) {
        if (m.parts.every(function (p) { return parts[p.id] && chosen[p.id] === undefined; })) { whole[m.id] = true; }
      });
      var drawn = drawnZones(zonesOn(model, state).filter(function (z) {
        return parts[z.part] && vs.indexOf(z.view) >= 0 && (state.spillover || z.zone === "essential") &&
          belongs(z, chosen);
      })).filter(function (z) {  /* a point's zone felt inside the body is said, not drawn */
        return chosen[z.part] === undefined || model.internal.indexOf(z.region) < 0;
      }).map(function (z) {
        if (chosen[z.part] === undefined) { return whole[z.muscle] ? z.whole : z.shape; }
        var k = pointKey(chosen[z.part], z);
        return model.point_alias[k] || k;  /* the same zones already drawn as a part's shape */
      });
      keys = keys.concat(uniq(drawn), state.classic ? [] : ["legend-article"]);
    }
    if (layer !== "pain") {
      model.shapes.forEach(function (s) {
        if (parts[s.part] && on(s, vs, ss)) { keys.push(s.key); }
      });
    }
    model.points.forEach(function (t) {
      if (parts[t.part] && on(t, vs, ss) && belongs(t, chosen)) { keys.push(t.key); }
    });
    model.muscles.forEach(function (m) {
      if (m.parts.some(function (p) { return parts[p.id]; })) { keys.push("legend-" + m.id); }
    });
    return keys;
  }

  function stateCss(prefix, keys) {
    var s = "#" + prefix;
    var css = s + " .tp-zone," + s + " .tp-point," + s + " .tp-compare," + s + " .tp-muscle," + s + " .tp-view," +
      s + " .tp-x-legend-item{display:none}";
    /* "#root #root-key" outranks the "#root .class" rule that hides every layer. */
    var shown = keys.map(function (k) { return s + " #" + prefix + "-" + k; }).join(",");
    return shown ? css + shown + "{display:block}" : css;
  }

  function uniq(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  var LAYER_WORDS = { both: "pain pattern and muscle", pain: "pain pattern only", muscle: "muscle only" };

  /* explorer_model.muscle_words */
  function muscleWords(model, parts, vs) {
    var shapes = model.shapes.filter(function (s) { return parts.indexOf(s.part) >= 0 && vs.indexOf(s.view) >= 0; });
    if (!shapes.length) { return "muscle not drawn on this view"; }
    var where = [];
    shapes.forEach(function (s) { where = where.concat(s.attachments); });
    var deep = shapes.some(function (s) { return s.deep; }) ? " (deep parts dashed)" : "";
    return "muscle between the " + uniq(where).join(", ") + deep;
  }

  function describe(model, state) {
    var labels = model.labels, names = {}, us = units(model);
    Object.keys(us).forEach(function (u) { names[u] = us[u].name; });
    var vs = views(state), layer = layerOf(state);
    var where = whereWords(vs, sides(state));
    if (state.compare) {
      var a = state.compare[0], b = state.compare[1], g = compareRegions(model, state);
      var out = ["Comparing " + names[a] + " and " + names[b] + " on the " + where + settings(state) + "."];
      if (layer !== "pain") {
        [a, b].forEach(function (u) { out.push(names[u] + ": " + muscleWords(model, us[u].parts, vs) + "."); });
      }
      if (layer !== "muscle") {
        [["both", "Shared (black cross-hatch)"], ["first", "Only " + names[a] + " (hatched /)"],
          ["second", "Only " + names[b] + " (hatched \\)"]].forEach(function (kl) {
          var list = g[kl[0]].map(function (r) { return labels[r]; }).join(", ");
          out.push(kl[1] + ": " + (list || "none") + ".");
        });
      }
      return out.join(" ");
    }
    var chosen = {}, one = chosenPoints(model, state);
    state.parts.forEach(function (p) { chosen[p] = true; });
    var sentences = [];
    model.muscles.forEach(function (m) {
      if (!m.parts.some(function (p) { return chosen[p.id]; })) { return; }
      var zones = zonesOn(model, state).filter(function (z) {
        return chosen[z.part] && z.muscle === m.id && vs.indexOf(z.view) >= 0 && belongs(z, one);
      });
      var article = articleOnly(zones);
      var said = {}, bits = pointWords(model, m.parts.map(function (p) { return p.id; }), one);
      if (layer !== "pain") {
        bits.push(muscleWords(model, m.parts.filter(function (p) { return chosen[p.id]; })
          .map(function (p) { return p.id; }), vs));
      }
      var kinds = layer === "muscle" ? [] : state.spillover ? ["essential", "spillover"] : ["essential"];
      kinds.forEach(function (zone) {
        var regions = uniq(zones.filter(function (z) { return z.zone === zone; })
          .map(function (z) { return z.region; }))
          .filter(function (r) { return !said[r]; });
        regions.forEach(function (r) { said[r] = true; });
        var words = regions.map(function (r) {
          return labels[r] + (article[r + " " + zone] ? " (unconfirmed)" : "");
        });
        bits.push(zone + " " + (words.length ? words.join(", ") : "none on this view"));
      });
      /* explorer_model.describe: "often on both sides", from data/bilateral.csv */
      var both = m.parts.filter(function (p) { return chosen[p.id] && model.bilateral[p.id]; })
        .map(function (p) { return model.bilateral[p.id]; });
      if (both.length && layer !== "muscle") {
        bits.push("often on both sides" + (both.every(function (b) { return b === "article"; }) ?
          " (the course article alone says so)" : ""));
      }
      sentences.push(m.name + ": " + bits.join("; ") + ".");
    });
    var text = sentences.length ? "Shown on the " + where + settings(state) + ". " + sentences.join(" ") :
      "No muscle selected (map set to the " + where + settings(state) + ", spillover zones " +
      (state.spillover ? "shown" : "hidden") + "). Tick a muscle or one of its parts to see where " +
      "its trigger points refer pain.";
    return text + compareHint(state, names);
  }

  /* explorer_model._compare_hint: a half-made choice in the compare menus is answered, never silent. */
  function compareHint(state, names) {
    var picked = state.picked || ["", ""], a = picked[0], b = picked[1];
    if (!a && !b) { return ""; }
    if (a && b) { return " To compare, choose a muscle other than " + names[a] + " in one of the menus."; }
    return " Choose a second muscle to compare with " + names[a || b] + ".";
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
    var side = root.querySelector('input[data-role="side"]:checked');
    var layer = root.querySelector('input[data-role="layer"]:checked');
    var a = root.querySelector('[data-role="compare-0"]').value;
    var b = root.querySelector('[data-role="compare-1"]').value;
    var points = {};
    root.querySelectorAll("select[data-point-of]").forEach(function (s) {
      if (s.value) { points[s.getAttribute("data-point-of")] = s.value; }
    });
    return {
      points: points,
      parts: parts,
      view: view ? view.value : "both",
      side: side ? side.value : "right",
      layer: layer ? layer.value : "both",
      classic: root.querySelector('[data-role="classic"]').checked,
      spillover: root.querySelector('[data-role="spillover"]').checked,
      compare: a && b && a !== b ? [a, b] : null,
      picked: [a, b]
    };
  }

  /* No dead control: what cannot act in this state is disabled, with its reason shown beside it. */
  function syncEnabled(root, state) {
    var comparing = !!state.compare;
    root.querySelectorAll("input[data-muscle], input[data-part], select[data-point-of]").forEach(function (b) {
      b.disabled = comparing;
    });
    var nothing = !state.parts.length && !state.picked[0] && !state.picked[1];
    [["clear", nothing], ["stop-compare", !comparing]].forEach(function (pair) {
      var button = root.querySelector('[data-role="' + pair[0] + '"]');
      if (button) { button.disabled = pair[1]; }
    });
    var muscleOnly = layerOf(state) === "muscle";
    root.querySelector('[data-role="spillover"]').disabled = muscleOnly;
    [["boxes-why", !comparing], ["clear-why", !nothing], ["stop-why", comparing],
      ["spill-why", !muscleOnly]].forEach(function (pair) {
      var why = root.querySelector('[data-role="' + pair[0] + '"]');
      if (why) { why.hidden = pair[1]; }
    });
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

  /* The reader's last settings of this explorer (kept by tp-store.js), put back into its
   * controls; ids or values the page no longer has are passed over. */
  function restore(root, model, key) {
    var saved = window.tpStore ? window.tpStore.explorerSettings(key) : null;
    if (!saved) { return; }
    var parts = {};
    saved.parts.forEach(function (p) { parts[p] = true; });
    model.muscles.forEach(function (m) {
      m.parts.forEach(function (p) {  // a muscle of one part has no part box: its own box says
        var box = root.querySelector('input[data-part="' + p.id + '"]') ||
          root.querySelector('input[data-muscle="' + m.id + '"]');
        box.checked = !!parts[p.id];
      });
    });
    [["view", saved.view], ["side", saved.side], ["layer", saved.layer]].forEach(function (pair) {
      var radio = root.querySelector('input[data-role="' + pair[0] + '"][value="' + pair[1] + '"]');
      if (radio) { radio.checked = true; }
    });
    [["classic", saved.classic], ["spillover", saved.spillover]].forEach(function (pair) {
      if (typeof pair[1] === "boolean") { root.querySelector('[data-role="' + pair[0] + '"]').checked = pair[1]; }
    });
    root.querySelectorAll("select[data-point-of]").forEach(function (select) {
      pick(select, (saved.points || {})[select.getAttribute("data-point-of")] || "");
    });
    [0, 1].forEach(function (i) {
      var select = root.querySelector('[data-role="compare-' + i + '"]');
      var value = saved.picked[i] || "";
      if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) { select.value = value; }
    });
  }

  /* comparing.compare_options: the page holds only "none" and the chosen ones (page weight); every
   * muscle and each part of a muscle of several come from the model, in the widget's order. */
  function fillCompare(root, model) {
    var us = units(model);
    [0, 1].forEach(function (i) {
      var select = root.querySelector('[data-role="compare-' + i + '"]'), value = select.value;
      select.length = 1;
      Object.keys(us).forEach(function (u) { select.add(new Option(us[u].name, u)); });
      select.value = value;
    });
  }

  function pick(select, value) {
    if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) { select.value = value; }
  }

  function remember(key, state) {
    if (!window.tpStore) { return; }
    window.tpStore.saveExplorer(key, { parts: state.parts, view: state.view, side: state.side, layer: state.layer,
      classic: state.classic, spillover: state.spillover, picked: state.picked, points: state.points });
  }

  function wire(root) {
    var prefix = root.getAttribute("data-tp-explorer");
    var script = root.querySelector('script[data-tp-model="' + prefix + '"]');
    var styleEl = root.querySelector('style[data-role="state"]');
    var status = root.querySelector(".tp-x-status");
    if (!script || !styleEl) { return; }
    var model = expand(JSON.parse(script.textContent).model);

    var key = window.location.pathname + "#" + prefix;

    function update(byReader) {
      var state = readState(root, model);
      if (byReader) { remember(key, state); }
      var keys = visibleKeys(model, state);
      styleEl.textContent = stateCss(prefix, keys);
      status.textContent = describe(model, state);
      syncEnabled(root, state);
      root.tpState = state;
      root.tpVisibleKeys = keys;
    }

    root.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.hasAttribute("data-point-of") && t.value) {  /* a point chosen: its part is shown */
        var part = t.getAttribute("data-point-of");
        model.muscles.forEach(function (m) {
          if (!m.parts.some(function (p) { return p.id === part; })) { return; }
          var box = root.querySelector('input[data-part="' + part + '"]') ||
            root.querySelector('input[data-muscle="' + m.id + '"]');
          box.checked = true;
        });
      }
      if (t.hasAttribute("data-muscle")) {
        root.querySelectorAll('input[data-of="' + t.getAttribute("data-muscle") + '"]').forEach(function (p) {
          p.checked = t.checked;
        });
      }
      syncMuscleBoxes(root, model);
      update(true);
    });
    var clear = root.querySelector('[data-role="clear"]');
    if (clear) {
      clear.addEventListener("click", function () {
        root.querySelectorAll("input[data-muscle], input[data-part]").forEach(function (b) { b.checked = false; });
        root.querySelectorAll("select").forEach(function (s) { s.value = ""; });
        syncMuscleBoxes(root, model);
        update(true);
      });
    }
    var stop = root.querySelector('[data-role="stop-compare"]');
    if (stop) {
      stop.addEventListener("click", function () {
        root.querySelectorAll("select").forEach(function (s) { s.value = ""; });
        update(true);
        root.querySelector('[data-role="compare-0"]').focus(); // the button is now disabled
      });
    }
    fillCompare(root, model);
    restore(root, model, key);
    syncMuscleBoxes(root, model);
    update(false);
    root.setAttribute("data-tp-ready", "true");
  }

  function init() {
    document.querySelectorAll("[data-tp-explorer]").forEach(wire);
  }

  /* Exposed for tests that compare these rules with the Python ones. */
  window.tpExplorer = { visibleKeys: visibleKeys, describe: describe, stateCss: stateCss, expand: expand };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
