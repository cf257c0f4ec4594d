/* Quizzes in the static book: no kernel, no network. Mirrors triggerpoints.quiz.grade and
   feedback_html. Does nothing on pages without a [data-tp-quiz] element. Each checked answer
   is kept in this browser by tp-store.js (keyed by question id) and shown again on reload;
   a root with data-tp-review (and no data-tp-quiz) is the progress page's review: only the questions missed at
   the first try, never pre-filled, its results kept as reviews. */
(function () {
  "use strict";

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function items(rows) {
    return rows.map(function (r) {
      return '<li><span class="tp-quiz-mark">' + (r.correct ? "Right option" : "Wrong option") +
        ":</span> <strong>" + esc(r.answer) + "</strong>. " + esc(r.feedback) + "</li>";
    }).join("");
  }

  function verdict(type, correct) {
    if (correct) { return "Correct."; }
    if (type === "many_choice") {
      return "Not quite: your selection misses a correct option or includes a wrong one. Read the feedback, then try again.";
    }
    return "Not quite. Read the feedback, then try again.";
  }

  function grade(question, order, selected) {
    var right = order.filter(function (k) { return question.answers[k].correct; });
    var correct = right.length === selected.length && right.every(function (k) { return selected.indexOf(k) >= 0; });
    var row = function (k) { var a = question.answers[k]; return { answer: a.answer, feedback: a.feedback, correct: a.correct }; };
    var chosen = order.filter(function (k) { return selected.indexOf(k) >= 0; }).map(row);
    var others = correct ? order.filter(function (k) { return selected.indexOf(k) < 0; }).map(row) : [];
    var html = '<p class="tp-quiz-verdict">' + verdict(question.type, correct) + "</p><ul>" + items(chosen) + "</ul>";
    if (others.length) { html += "<p>Why not the others?</p><ul>" + items(others) + "</ul>"; }
    return { correct: correct, html: html };
  }

  function setLocked(block, locked) {
    block.querySelectorAll("input").forEach(function (input) { input.disabled = locked; });
    block.querySelector(".tp-quiz-check").disabled = locked;
    block.querySelector(".tp-quiz-retry").hidden = !locked;
  }

  function store() { return window.tpStore || null; }

  function say(status, message) {
    if (status) { status.textContent = message || ""; }
  }

  function missed(block) {
    var s = store(), a = s && s.load().data.answers[block.getAttribute("data-tp-qid")];
    return Boolean(a && a.firstCorrect === false);
  }

  function setupQuiz(root) {
    var dataNode = root.querySelector("script[data-tp-quiz-data]");
    if (!dataNode) { return; }
    var data = JSON.parse(dataNode.textContent);
    var chapter = root.getAttribute("data-tp-quiz") || "review";
    var review = root.hasAttribute("data-tp-review");
    var blocks = Array.prototype.slice.call(root.querySelectorAll(".tp-quiz-q"));
    var score = root.querySelector(".tp-quiz-score");
    var status = document.createElement("p");
    status.className = "tp-quiz-status";
    status.setAttribute("role", "status");
    score.parentNode.insertBefore(status, score.nextSibling);
    var every = blocks;
    if (review) { blocks = reviewBlocks(root, every); }

    function updateScore() {
      // quizzes.static.score_text: its words come with the score line (the progress page's too)
      var count = function (attr) { return blocks.filter(function (b) { return b.getAttribute(attr) === "1"; }).length; };
      var n = { first: count("data-tp-first"), end: count("data-tp-correct"), total: blocks.length };
      score.textContent = score.getAttribute("data-tp-words").replace(/\{(\w+)\}/g, function (m, k) { return n[k]; });
    }
    if (review && window.tpLessons) {  // the review holds the missed questions of the lessons ticked
      window.tpLessons.onChange(root, function () { blocks = reviewBlocks(root, every); updateScore(); });
    }

    function reset(block) {
      block.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      block.querySelector(".tp-quiz-feedback").innerHTML = "";
      block.removeAttribute("data-tp-correct");
      setLocked(block, false);
      if (!review && store()) { say(status, store().clearSelection(block.getAttribute("data-tp-qid"))); }
    }

    blocks.forEach(function (block) {
      var qid = block.getAttribute("data-tp-qid");
      var question = data[qid];
      var inputs = Array.prototype.slice.call(block.querySelectorAll("input"));
      var order = inputs.map(function (i) { return i.value; });
      var feedback = block.querySelector(".tp-quiz-feedback");

      function show(selected, note, first) {  // first: right at the first try (undefined: this check)
        var result = grade(question, order, selected);
        if (first === undefined) first = result.correct;
        feedback.innerHTML = (note ? '<p class="tp-quiz-saved">' + esc(note) + "</p>" : "") + result.html;
        block.setAttribute("data-tp-correct", result.correct ? "1" : "0");
        if (first !== undefined && !block.hasAttribute("data-tp-first")) block.setAttribute("data-tp-first", first ? "1" : "0");
        setLocked(block, true);
        return result;
      }

      block.querySelector(".tp-quiz-check").addEventListener("click", function () {
        var selected = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        if (!selected.length) { feedback.innerHTML = "<p>Choose an answer first.</p>"; return; }
        var result = show(selected);
        if (store()) {
          say(status, review ? store().recordReview(qid, result.correct) : store().recordAnswer(qid, chapter, selected, result.correct));
        }
        block.querySelector(".tp-quiz-retry").focus();
        updateScore();
      });
      block.querySelector(".tp-quiz-retry").addEventListener("click", function () {
        reset(block);
        inputs[0].focus();
        updateScore();
      });
      var saved = !review && store() && store().load().data.answers[qid];
      if (saved && saved.selected.length && saved.selected.every(function (k) { return order.indexOf(k) >= 0; })) {
        inputs.forEach(function (i) { i.checked = saved.selected.indexOf(i.value) >= 0; });
        show(saved.selected, "Your saved answer (attempts: " + saved.attempts + "; " +
          (saved.firstCorrect ? "right at the first try" : "not right at the first try") + ").", !!saved.firstCorrect);
      }
    });
    root.querySelector(".tp-quiz-reset").addEventListener("click", function () {
      blocks.forEach(reset);
      updateScore();
      if (blocks.length) { blocks[0].querySelector("input").focus(); }
    });
    updateScore();
    // A chapter's visit: its lesson opened (the one quiz on the page) or one of its answers checked.
    if (!review && store() && document.querySelectorAll("[data-tp-quiz]").length === 1) { say(status, store().visit(chapter)); }
  }

  /* The review shows the missed questions only, of the lessons ticked (tp-lessons.js), numbered afresh. */
  function reviewBlocks(root, blocks) {
    var lessons = window.tpLessons;
    var all = blocks.filter(missed), shown = all.filter(function (b) { return !lessons || lessons.chosen(root, b); });
    blocks.forEach(function (b) { b.hidden = shown.indexOf(b) < 0; });
    shown.forEach(function (b, i) {
      var num = b.querySelector(".tp-quiz-num");
      num.textContent = num.textContent.replace(/^Question \d+ of \d+/, "Question " + (i + 1) + " of " + shown.length);
    });
    var none = root.querySelector(".tp-quiz-none");
    if (none) {
      none.hidden = shown.length > 0;
      none.setAttribute("data-tp-said", none.getAttribute("data-tp-said") || none.textContent);
      none.textContent = all.length ? "Nothing to review in the lessons ticked: " + all.length +
        (all.length === 1 ? " missed question is" : " missed questions are") + " in the others." : none.getAttribute("data-tp-said");
    }
    root.querySelector(".tp-quiz-reset").hidden = !shown.length;
    return shown;
  }

  function showNotice() {
    var first = document.querySelector("[data-tp-quiz]");
    var notice = store() && !document.querySelector("[data-tp-progress], [data-tp-cards]") && store().notice();
    if (first && notice) { first.parentNode.insertBefore(notice, first); }
  }

  /* The progress page links a missed question as <page>#tpq-<id>: bring it into view. */
  function jumpToQuestion() {
    var m = /^#tpq-([a-z0-9_]+)$/.exec(window.location.hash);
    var block = m && document.querySelector('[data-tp-quiz] [data-tp-qid="' + m[1] + '"]');
    if (!block) { return; }
    block.scrollIntoView();
    (block.querySelector("input:not(:disabled)") || block.querySelector("button:not([hidden]):not(:disabled)")).focus();
  }

  function init() {
    showNotice();
    document.querySelectorAll("[data-tp-quiz], [data-tp-review]").forEach(setupQuiz);
    jumpToQuestion();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
