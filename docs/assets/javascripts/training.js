/*
 * Training pages (training/<id>/): progress through the steps and answers to the self-check,
 * kept in localStorage under the path id and its content version (a changed path starts afresh).
 * Nothing leaves the page: no request is made and no name is asked for.
 * Without this script the page is a readable list (steps, questions, answers in a <details>).
 * Handout pages (training/<id>/handout/): shows the print button.
 */
(function () {
  "use strict";

  var PREFIX = "kb-training:";
  var kb = window.kb;  // kb_common.js: page hook and storage that never throws
  function load(key) { return kb.storage.get(key); }
  function save(key, value) { kb.storage.set(key, value); }  // false: kept for this visit only
  function forget(key) { kb.storage.remove(key); }

  function setUp(root) {
    if (root.dataset.kbReady) return;
    root.dataset.kbReady = "1";
    var key = PREFIX + root.dataset.training;
    var version = root.dataset.version;
    var stored = load(key);
    var state = stored && stored.version === version ? stored : { version: version, steps: [], answers: {} };
    if (stored && stored.version !== version) forget(key);

    var steps = Array.prototype.slice.call(root.querySelectorAll(".kb-training-step"));
    var questions = Array.prototype.slice.call(root.querySelectorAll(".kb-question"));
    var progress = root.querySelector(".kb-training-progress");
    var result = root.querySelector(".kb-training-result");

    function persist() { save(key, state); }

    steps.forEach(function (step) {
      var id = step.dataset.step;
      var label = document.createElement("label");
      label.className = "kb-step-done";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = state.steps.indexOf(id) !== -1;
      box.setAttribute("aria-describedby", step.id);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" 読んだ"));
      step.appendChild(label);
      step.classList.toggle("kb-step-is-done", box.checked);
      box.addEventListener("change", function () {
        state.steps = state.steps.filter(function (s) { return s !== id; });
        if (box.checked) state.steps.push(id);
        step.classList.toggle("kb-step-is-done", box.checked);
        persist();
        showProgress();
      });
    });

    questions.forEach(function (question) {
      var id = question.dataset.question;
      var list = question.querySelector(".kb-choices");
      var text = question.querySelector(".kb-question-text");
      if (!list) return;
      text.id = "kb-question-text-" + id;
      list.setAttribute("role", "radiogroup");
      list.setAttribute("aria-labelledby", text.id);
      Array.prototype.forEach.call(list.children, function (item, index) {
        item.setAttribute("role", "none");  // in a radiogroup a list item is no list item (axe listitem)
        var label = document.createElement("label");
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "kb-question-" + id;
        radio.value = String(index + 1);
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + item.textContent));
        item.textContent = "";
        item.appendChild(label);
        radio.addEventListener("change", function () {
          state.answers[id] = index + 1;
          persist();
          showFeedback(question);
          showResult();
        });
      });
      if (state.answers[id]) {
        var chosen = list.querySelector('input[value="' + state.answers[id] + '"]');
        if (chosen) { chosen.checked = true; showFeedback(question); }
      }
    });

    function explanationOf(id) {
      return root.querySelector('.kb-explanation[data-question="' + id + '"]');
    }

    function showFeedback(question) {
      var id = question.dataset.question;
      var answer = state.answers[id];
      var right = Number(question.dataset.answer);
      var box = question.querySelector(".kb-feedback");
      box.textContent = "";
      question.classList.toggle("kb-is-right", answer === right);
      question.classList.toggle("kb-is-wrong", answer !== right);
      var verdict = document.createElement("p");
      verdict.className = "kb-verdict";
      verdict.textContent = answer === right ? "正解です。" : "正解ではありません。正解は " + right + " です。";
      box.appendChild(verdict);
      var explanation = explanationOf(id);
      if (explanation) {
        var copy = explanation.cloneNode(true);
        copy.removeAttribute("data-question");
        copy.className = "kb-feedback-explanation";
        box.appendChild(copy);
      }
    }

    function showProgress() {
      if (!progress) return;
      progress.hidden = false;
      var done = steps.filter(function (s) { return state.steps.indexOf(s.dataset.step) !== -1; }).length;
      progress.querySelector(".kb-steps-done").textContent = String(done);
      progress.querySelector(".kb-steps-progress").value = done;
    }

    function showResult() {
      if (!result) return;
      var answered = questions.filter(function (q) { return state.answers[q.dataset.question]; });
      result.hidden = answered.length === 0;
      var right = answered.filter(function (q) { return state.answers[q.dataset.question] === Number(q.dataset.answer); });
      result.querySelector(".kb-result-score").textContent =
        "答えた問い " + answered.length + " / " + questions.length + "　正解 " + right.length + " 問";
      var list = result.querySelector(".kb-result-reread");
      list.textContent = "";
      var seen = {};
      answered.forEach(function (q) {
        if (state.answers[q.dataset.question] === Number(q.dataset.answer)) return;
        var explanation = explanationOf(q.dataset.question);
        var link = explanation && explanation.querySelector(".kb-explanation-caution a");
        if (!link || seen[link.getAttribute("href")]) return;
        seen[link.getAttribute("href")] = true;
        var item = document.createElement("li");
        item.appendChild(link.cloneNode(true));
        list.appendChild(item);
      });
      result.querySelector(".kb-result-reread-intro").hidden = list.children.length === 0;
    }

    var reset = root.querySelector(".kb-training-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        forget(key);
        state = { version: version, steps: [], answers: {} };
        root.querySelectorAll("input").forEach(function (input) { input.checked = false; });
        steps.forEach(function (step) { step.classList.remove("kb-step-is-done"); });
        questions.forEach(function (q) {
          q.classList.remove("kb-is-right", "kb-is-wrong");
          q.querySelector(".kb-feedback").textContent = "";
        });
        showProgress();
        showResult();
      });
    }
    showProgress();
    showResult();
  }

  function init() {
    document.querySelectorAll(".kb-training[data-training]").forEach(setUp);
    document.querySelectorAll(".kb-handout-print").forEach(function (button) {
      if (button.dataset.kbReady) return;
      button.dataset.kbReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  kb.onPage(init);
})();
