/* What a reader has done, kept in this browser (localStorage) and nowhere else: quiz answers,
   chapter visits, flashcard boxes. One versioned record under one key. Storage that is
   damaged, foreign or from another version is never overwritten silently: it is ignored,
   a notice says so and offers a reset. Used by tp-quiz.js, tp-progress.js, tp-cards.js and
   tp-explorer.js (each explorer's last settings, under "page#explorer") and tp-finder-page.js
   (the pain finder's marks and answers, under "page#finder"). */
(function () {
  "use strict";

  var KEY = "tp-course-progress";
  var FORMAT = "low-back-trigger-points/progress";
  var VERSION = 1;
  var state = null;  // {status: "ok" | "unreadable" | "unavailable", reason, data}

  function empty() { return { format: FORMAT, version: VERSION, answers: {}, visits: {}, cards: {}, explorers: {} }; }

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function isCount(x) { return typeof x === "number" && x >= 0 && Math.floor(x) === x; }

  function answerProblem(a) {
    if (!isObject(a) || typeof a.chapter !== "string") { return "an answer without its chapter"; }
    if (!Array.isArray(a.selected) || !a.selected.every(function (k) { return typeof k === "string"; })) { return "an answer without its selection"; }
    if (typeof a.firstCorrect !== "boolean" || typeof a.lastCorrect !== "boolean") { return "an answer without its result"; }
    if (!isCount(a.attempts) || a.attempts < 1 || !isCount(a.at)) { return "an answer without attempts or time"; }
    if (a.review !== undefined && !(isObject(a.review) && typeof a.review.correct === "boolean" && isCount(a.review.at))) { return "a review without its result"; }
    return "";
  }

  /* "" when `data` is a record this version can use, else why not (said to the reader). */
  function problem(data) {
    if (!isObject(data) || data.format !== FORMAT) { return "it was not written by this course"; }
    if (data.version !== VERSION) {
      return "it was written by " + (data.version > VERSION ? "a newer" : "an older") + " version of the course (format " + data.version + ", this page reads " + VERSION + ")";
    }
    if (!isObject(data.answers) || !isObject(data.visits) || !isObject(data.cards)) { return "parts of it are missing"; }
    // Records written before explorers were kept have none: that is not damage.
    if (data.explorers !== undefined && !(isObject(data.explorers) && Object.keys(data.explorers).every(function (k) {
      var e = data.explorers[k];
      return isObject(e) && Array.isArray(e.parts) && Array.isArray(e.picked);
    }))) { return "it holds damaged explorer settings"; }
    if (data.finders !== undefined && !(isObject(data.finders) && Object.keys(data.finders).every(function (k) {
      var f = data.finders[k];
      return isObject(f) && isObject(f.answers) && isObject(f.answers.regions) && isObject(f.answers.aggravators) &&
        typeof f.side === "string";
    }))) { return "it holds damaged pain finder marks"; }
    var ids = Object.keys(data.answers);
    for (var i = 0; i < ids.length; i += 1) {
      var why = answerProblem(data.answers[ids[i]]);
      if (why) { return "it holds " + why + " (" + ids[i] + ")"; }
    }
    var bad = Object.keys(data.visits).filter(function (k) { return !isCount(data.visits[k]); })
      .concat(Object.keys(data.cards).filter(function (k) {
        var c = data.cards[k];
        return !(isObject(c) && isCount(c.box) && c.box >= 1 && c.box <= 5 && isCount(c.due));
      }));
    return bad.length ? "it holds damaged visit or flashcard entries (" + bad[0] + ")" : "";
  }

  function read() {
    var raw;
    try { raw = window.localStorage.getItem(KEY); } catch (err) {
      return { status: "unavailable", reason: "this browser does not let pages keep data", data: empty() };
    }
    if (raw === null) { return { status: "ok", reason: "", data: empty() }; }
    var data;
    try { data = JSON.parse(raw); } catch (err) {
      return { status: "unreadable", reason: "it is not valid JSON", data: empty() };
    }
    var why = problem(data);
    return why ? { status: "unreadable", reason: why, data: empty() } : { status: "ok", reason: "", data: data };
  }

  function load() {
    if (!state) { state = read(); }
    return state;
  }

  var listeners = [];

  function report(message) {
    listeners.forEach(function (fn) { fn(message); });
    return message;
  }

  /* Writes the record; "" when it was kept, else a sentence saying why not. */
  function save() {
    var s = load();
    if (s.status === "unreadable") { return "Not saved: the answers already stored here could not be read. Reset them first (see the notice)."; }
    if (s.status === "unavailable") { return "Not saved: " + s.reason + "."; }
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s.data));
    } catch (err) {
      var full = err && (err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED" || err.code === 22);
      return report(full
        ? "Not saved: this browser's storage for the book is full. Export your answers from My progress, or free space in the browser's site data."
        : "Not saved: the browser refused to store it (" + (err && err.name) + ").");
    }
    report("");
    return "";
  }

  function now() { return Date.now(); }

  function recordAnswer(qid, chapter, selected, correct) {
    var data = load().data;
    var old = data.answers[qid];
    data.answers[qid] = {
      chapter: chapter, selected: selected.slice(), firstCorrect: old ? old.firstCorrect : correct,
      lastCorrect: correct, attempts: old ? old.attempts + 1 : 1, at: now(),
    };
    if (old && old.review) { data.answers[qid].review = old.review; }
    data.visits[chapter] = now();
    return save();
  }

  function clearSelection(qid) {
    var a = load().data.answers[qid];
    if (!a || !a.selected.length) { return ""; }
    a.selected = [];
    return save();
  }

  function recordReview(qid, correct) {
    var a = load().data.answers[qid];
    if (!a) { return ""; }
    a.review = { correct: correct, at: now() };
    return save();
  }

  function visit(chapter) {
    if (load().status !== "ok") { return ""; }
    load().data.visits[chapter] = now();
    return save();
  }

  /* A tool's kept state under one of its keys (group: "explorers" or "finders"), or null. */
  function entry(group, key) {
    var s = load();
    return s.status === "ok" && s.data[group] ? s.data[group][key] || null : null;
  }

  function saveEntry(group, key, value) {
    var s = load();
    if (s.status !== "ok") { return ""; }  // the notice on the page already says why nothing is kept
    s.data[group] = s.data[group] || {};
    s.data[group][key] = value;
    return save();
  }

  /* An explorer's last settings ({parts, view, side, layer, classic, spillover, picked}). */
  function explorerSettings(key) { return entry("explorers", key); }
  function saveExplorer(key, settings) { return saveEntry("explorers", key, settings); }

  /* A pain finder's last marks and answers ({answers: {regions, aggravators}, side}). */
  function finderState(key) { return entry("finders", key); }
  function saveFinder(key, value) { return saveEntry("finders", key, value); }

  function erase() {
    try { window.localStorage.removeItem(KEY); } catch (err) { return "Could not erase: " + (err && err.name) + "."; }
    state = { status: "ok", reason: "", data: empty() };
    return "";
  }

  /* Replaces what is stored with an exported file's text; "" on success, else why not. */
  function importText(text) {
    var data;
    try { data = JSON.parse(text); } catch (err) { return "That file is not valid JSON."; }
    var why = problem(data);
    if (why) { return "That file cannot be used: " + why + "."; }
    var previous = state;
    state = { status: "ok", reason: "", data: data };
    var failed = save();
    if (failed) { state = previous; }
    return failed;
  }

  function exportText() { return JSON.stringify(load().data, null, 1); }

  /* A notice for storage this page cannot use, with a reset button; null when all is well. */
  function notice() {
    var s = load();
    if (s.status === "ok") { return null; }
    var box = document.createElement("div");
    box.className = "tp-store-notice";
    box.setAttribute("role", "status");
    var p = document.createElement("p");
    if (s.status === "unavailable") {
      p.textContent = "Your answers cannot be kept: " + s.reason + ". They last until you leave this page.";
      box.appendChild(p);
      return box;
    }
    p.textContent = "The answers stored in this browser could not be read (" + s.reason + "), so they are ignored and new answers are not saved. Reset the stored answers to start keeping them again.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tp-store-reset";
    button.textContent = "Reset stored answers";
    button.addEventListener("click", function () {
      var failed = erase();
      p.textContent = failed || "Stored answers reset: from now on your answers are kept in this browser.";
      button.remove();
    });
    box.appendChild(p);
    box.appendChild(button);
    return box;
  }

  /* Firefox gives every file:// page its own storage, so pages cannot see each other's answers. */
  function separatePages() {
    return window.location.protocol === "file:" && /Firefox\//.test(window.navigator.userAgent);
  }

  // Another tab wrote: read again before the next change, so its answers are not overwritten.
  window.addEventListener("storage", function (e) { if (e.key === KEY || e.key === null) { state = null; } });

  window.tpStore = {
    KEY: KEY, FORMAT: FORMAT, VERSION: VERSION, load: load, recordAnswer: recordAnswer,
    clearSelection: clearSelection, recordReview: recordReview, visit: visit, save: save,
    erase: erase, importText: importText, exportText: exportText, notice: notice,
    explorerSettings: explorerSettings, saveExplorer: saveExplorer, finderState: finderState, saveFinder: saveFinder,
    separatePages: separatePages, onSave: function (fn) { listeners.push(fn); },
  };
}());
