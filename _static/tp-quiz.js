/* Quizzes in the static book: no kernel, no network. Mirrors triggerpoints.quiz.grade and
   feedback_html. Does nothing on pages without a [data-tp-quiz] element. */
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

  function setupQuiz(root) {
    var dataNode = root.querySelector("script[data-tp-quiz-data]");
    if (!dataNode) { return; }
    var data = JSON.parse(dataNode.textContent);
    var blocks = Array.prototype.slice.call(root.querySelectorAll(".tp-quiz-q"));
    var score = root.querySelector(".tp-quiz-score");

    function updateScore() {
      var done = blocks.filter(function (b) { return b.getAttribute("data-tp-correct") === "1"; }).length;
      score.textContent = "Answered correctly: " + done + " of " + blocks.length;
    }

    function reset(block) {
      block.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      block.querySelector(".tp-quiz-feedback").innerHTML = "";
      block.removeAttribute("data-tp-correct");
      setLocked(block, false);
    }

    blocks.forEach(function (block) {
      var question = data[block.getAttribute("data-tp-qid")];
      var inputs = Array.prototype.slice.call(block.querySelectorAll("input"));
      var order = inputs.map(function (i) { return i.value; });
      var feedback = block.querySelector(".tp-quiz-feedback");
      block.querySelector(".tp-quiz-check").addEventListener("click", function () {
        var selected = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        if (!selected.length) { feedback.innerHTML = "<p>Choose an answer first.</p>"; return; }
        var result = grade(question, order, selected);
        feedback.innerHTML = result.html;
        block.setAttribute("data-tp-correct", result.correct ? "1" : "0");
        setLocked(block, true);
        block.querySelector(".tp-quiz-retry").focus();
        updateScore();
      });
      block.querySelector(".tp-quiz-retry").addEventListener("click", function () {
        reset(block);
        inputs[0].focus();
        updateScore();
      });
    });
    root.querySelector(".tp-quiz-reset").addEventListener("click", function () {
      blocks.forEach(reset);
      updateScore();
      if (blocks.length) { blocks[0].querySelector("input").focus(); }
    });
  }

  function init() {
    document.querySelectorAll("[data-tp-quiz]").forEach(setupQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
