/* The "My progress" page: fills the chapter table and the missed-question list from what
   tp-store.js keeps in this browser; export, import (replacing, after a confirmation) and
   erase (after a confirmation). Does nothing on pages without [data-tp-progress]. */
(function () {
  "use strict";

  var MESSAGE_KEY = "tp-progress-message";  // survives the reload after an import or erase

  function $(sel, root) { return (root || document).querySelector(sel); }

  function when(ms) {
    var d = new Date(ms), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function index() {
    var node = $("script[data-tp-progress-index]");
    return node ? JSON.parse(node.textContent) : null;
  }

  function notices(root, store) {
    var box = $(".tp-progress-notices", root);
    var notice = store.notice();
    if (notice) { box.appendChild(notice); }
    if (store.separatePages()) {
      var p = document.createElement("p");
      p.className = "tp-store-notice";
      p.setAttribute("role", "status");
      p.textContent = "You opened the book from files in Firefox, which keeps a separate storage for every page opened that way: " +
        "this page cannot see answers given on other pages, so the table below stays empty. " +
        "Open the book from a web server (even one on this computer) or in another browser to keep one record across pages.";
      box.appendChild(p);
    }
  }

  /* Fills the table, the summary and the missed list; returns the number of missed questions. */
  function render(idx, data) {
    var counts = {}, missed = [];
    var words = $('[data-tp-progress="table"]').getAttribute("data-tp-words").split("|");  // quizzes.static's
    idx.chapters.forEach(function (c) { counts[c[0]] = { answered: 0, first: 0, end: 0 }; });
    Object.keys(data.answers).forEach(function (qid) {
      var q = idx.questions[qid], a = data.answers[qid];
      if (!q) { return; }  // a question no longer in the course: kept, not shown
      counts[q[0]].answered += 1;
      if (a.firstCorrect) { counts[q[0]].first += 1; } else { missed.push(qid); }
      // right in the end: the last answer given (records from before lastCorrect: the first)
      if (a.lastCorrect === undefined ? a.firstCorrect : a.lastCorrect) { counts[q[0]].end += 1; }
    });
    var total = 0, answered = 0, first = 0, end = 0;
    idx.chapters.forEach(function (c) {
      var row = $('tr[data-tp-chapter="' + c[0] + '"]');
      if (!row) { return; }
      total += c[2]; answered += counts[c[0]].answered; first += counts[c[0]].first; end += counts[c[0]].end;
      $('[data-tp-cell="answered"]', row).textContent = counts[c[0]].answered + " of " + c[2];
      $('[data-tp-cell="first"]', row).textContent = String(counts[c[0]].first);
      var endCell = $('[data-tp-cell="end"]', row);
      if (endCell) { endCell.textContent = String(counts[c[0]].end); }
      $('[data-tp-cell="visit"]', row).textContent = data.visits[c[0]] ? when(data.visits[c[0]]) : "never";
    });
    var summary = $(".tp-progress-summary");
    if (summary) {
      summary.textContent = answered
        ? "You have answered " + answered + " of " + total + " questions in this browser: " + first + " " + words[0] + ", " + end + " " + words[1] + ", " + missed.length + " not " + words[0] + " (listed below)."
        : "No answers are stored in this browser yet.";
    }
    renderMissed(idx, data, missed);
    return missed.length;
  }

  /* A "whose map is this?" question is worded like every other: show the missed one's map (an
     image of the review's own figure, so no id is repeated in the page), or nothing. */
  function mapOf(qid) {
    var svg = $('.tp-quiz-q[data-tp-qid="' + qid + '"] .tp-quiz-map svg');
    if (!svg) { return document.createTextNode(""); }
    var img = document.createElement("img");
    img.className = "tp-progress-missed-map";
    img.alt = "The question's map. " + (svg.getAttribute("aria-label") || "");
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    return img;
  }

  function renderMissed(idx, data, missed) {
    var list = $(".tp-progress-missed");
    if (!list) { return; }
    var titles = {};
    idx.chapters.forEach(function (c) { titles[c[0]] = c[1]; });
    list.textContent = "";
    missed.forEach(function (qid) {
      var q = idx.questions[qid], review = data.answers[qid].review;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = idx.practice + "#tpq-" + qid;
      a.textContent = q[1];
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + titles[q[0]] + "; last review: " +
        (review ? (review.correct ? "right" : "wrong") + ", " + when(review.at) : "not yet") + ")"));
      li.appendChild(mapOf(qid));
      list.appendChild(li);
    });
    $(".tp-progress-missed-none").hidden = missed.length > 0;
  }

  function say(root, text) { $(".tp-progress-message", root).textContent = text; }

  function reloadWith(text) {
    try { window.sessionStorage.setItem(MESSAGE_KEY, text); } catch (err) { /* the page still reloads */ }
    window.location.reload();
  }

  /* Asks in the page (not a pop-up), focus on the safe choice; `yes` runs only on confirmation. */
  function confirm(root, question, yesLabel, yes) {
    var panel = $(".tp-progress-confirm", root);
    $("#tp-progress-confirm-text", root).textContent = question;
    var ok = $(".tp-progress-yes", root), no = $(".tp-progress-no", root);
    ok.textContent = yesLabel;
    ok.onclick = function () { panel.hidden = true; yes(); };
    no.onclick = function () { panel.hidden = true; say(root, "Nothing was changed."); };
    panel.hidden = false;
    no.focus();
  }

  function exportFile(store, root) {
    var blob = new Blob([store.exportText()], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "trigger-points-progress-" + when(Date.now()).slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    say(root, "Your answers were exported to " + a.download + ".");
  }

  function importFile(store, root, input) {
    var file = input.files && input.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      input.value = "";
      var text = String(reader.result), held = Object.keys(store.load().data.answers).length;
      var run = function () {
        var failed = store.importText(text);
        if (failed) { say(root, failed + " Nothing was changed."); } else { reloadWith("Answers imported from " + file.name + "."); }
      };
      if (held) {
        confirm(root, "Replace the " + held + " answers stored in this browser with those in " + file.name + "?", "Yes, replace them", run);
      } else { run(); }
    };
    reader.onerror = function () { say(root, "That file could not be read."); };
    reader.readAsText(file);
  }

  function setupManage(root, store) {
    $(".tp-progress-export", root).addEventListener("click", function () { exportFile(store, root); });
    var input = $(".tp-progress-import", root);
    input.addEventListener("change", function () { importFile(store, root, input); });
    $(".tp-progress-erase", root).addEventListener("click", function () {
      confirm(root, "Erase every quiz answer and flashcard box kept in this browser? This cannot be undone; export them first to keep a copy.",
        "Yes, erase them", function () {
          var failed = store.erase();
          if (failed) { say(root, failed); } else { reloadWith("Your answers were erased."); }
        });
    });
    var message = null;
    try { message = window.sessionStorage.getItem(MESSAGE_KEY); window.sessionStorage.removeItem(MESSAGE_KEY); } catch (err) { /* no message */ }
    if (message) { say(root, message); }
    store.onSave(function (failed) { if (failed) { say(root, failed); } });
  }

  function init() {
    var table = $('[data-tp-progress="table"]'), store = window.tpStore, idx = index();
    if (!table || !store || !idx) { return; }
    notices(table, store);
    render(idx, store.load().data);
    var manage = $('[data-tp-progress="manage"]');
    if (manage) { setupManage(manage, store); }
    window.tpProgress = { render: function () { return render(idx, store.load().data); } };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
