/* Decision pages (checklists/<id>/): progressive enhancement over complete HTML. Needs kb_common.js.
 *
 * Decision page (checklists/<id>/): answers persist in localStorage under the checklist id and
 * the content version emitted by the build, so a changed checklist never shows stale answers.
 * State travels in the URL as `profile=q:opt,…&answers=ITEM:yes|no|na,…`, in the fragment for
 * share links (a fragment never reaches a server) or in the query string for the chooser's
 * links (which MkDocs can then check at build time). Nothing leaves the browser.
 * The form chooser is chooser.js; fixes to the theme's markup are a11y_patches.js.
 */
(function () {
  "use strict";

  var PREFIX = "kyodo-kb:decision:";
  var ANSWER_LABELS = { yes: "はい", no: "いいえ", na: "該当しない" };

  function parseState(text) {
    if (!text || text.indexOf("=") < 0) return null;
    var state = { answers: {}, profile: {} };
    var found = false;
    text.replace(/^[#?]/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      var kind = decodeURIComponent(pair[0] || "");
      if (kind !== "answers" && kind !== "profile") return;
      found = true;
      decodeURIComponent(pair[1] || "").split(",").forEach(function (entry) {
        var at = entry.lastIndexOf(":");
        if (at <= 0) return;
        var key = entry.slice(0, at), value = entry.slice(at + 1);
        if (kind === "answers" && !ANSWER_LABELS[value]) return;
        state[kind][key] = value;
      });
    });
    return found ? state : null;
  }

  function formatState(state) {
    var parts = [];
    ["profile", "answers"].forEach(function (kind) {
      var entries = Object.keys(state[kind]).filter(function (key) { return state[kind][key]; })
        .map(function (key) { return key + ":" + state[kind][key]; });
      if (entries.length) parts.push(kind + "=" + entries.join(","));
    });
    return parts.join("&");
  }

  // localStorage can be missing or throw (disabled storage, some file:// setups): the page must still work.
  var storageGet = window.kb.storage.get, storageSet = window.kb.storage.set, storageRemove = window.kb.storage.remove;
  function purgeOtherVersions(checklistId, keep) {
    window.kb.storage.keys(PREFIX + checklistId + ":").forEach(function (key) { if (key !== keep) storageRemove(key); });
  }

  function pageUrl() {
    return window.location.href.split("#")[0].split("?")[0];
  }

  function initDecision(summary) {
    if (summary.getAttribute("data-kb-ready")) return;
    summary.setAttribute("data-kb-ready", "1");
    var checklistId = summary.getAttribute("data-checklist");
    var key = PREFIX + checklistId + ":" + summary.getAttribute("data-version");
    var items = Array.prototype.slice.call(document.querySelectorAll(".kb-item[data-item]"));
    var profileBox = document.querySelector(".kb-profile");
    var state = storageGet(key) || { answers: {}, profile: {} };
    state.answers = state.answers || {};
    state.profile = state.profile || {};
    purgeOtherVersions(checklistId, key);

    var fromUrl = parseState(window.location.hash) || parseState(window.location.search);
    if (fromUrl) {
      if (Object.keys(fromUrl.answers).length) state.answers = fromUrl.answers;
      if (Object.keys(fromUrl.profile).length) state.profile = fromUrl.profile;
      storageSet(key, state);
      // The state now lives in storage; a clean URL keeps a later reload from undoing new answers.
      window.history.replaceState(window.history.state, "", pageUrl());
    }

    document.body.classList.add("kb-decision-ready");
    summary.hidden = false;
    if (profileBox) profileBox.hidden = false;

    items.forEach(function (item) {
      var fieldset = item.querySelector(".kb-answer");
      if (!fieldset) return;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "kb-caution-toggle";
      toggle.setAttribute("aria-expanded", "false");
      toggle.textContent = "留意事項を表示";
      toggle.addEventListener("click", function () {
        var open = !item.classList.contains("kb-caution-open");
        item.classList.toggle("kb-caution-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.textContent = open ? "留意事項を隠す" : "留意事項を表示";
      });
      fieldset.parentNode.insertBefore(toggle, fieldset.nextSibling);
      fieldset.addEventListener("change", function (event) {
        state.answers[item.getAttribute("data-item")] = event.target.value;
        storageSet(key, state);
        render();
      });
    });
    if (profileBox) {
      profileBox.addEventListener("change", function (event) {
        var question = event.target.closest("[data-question]").getAttribute("data-question");
        if (event.target.value) state.profile[question] = event.target.value;
        else delete state.profile[question];
        storageSet(key, state);
        render();
      });
    }
    summary.querySelector(".kb-reset").addEventListener("click", function () {
      state = { answers: {}, profile: {} };
      storageRemove(key);
      syncControls();
      render();
      announce("回答をリセットしました");
    });
    summary.querySelector(".kb-copy-share").addEventListener("click", function () {
      var url = summary.querySelector(".kb-share-link").href;
      copyText(url).then(function () { announce("リンクをコピーしました"); },
        function () { announce("コピーできませんでした。「この回答を共有するリンク」を右クリックしてコピーしてください"); });
    });

    function announce(text) {
      var status = summary.querySelector(".kb-copy-status");
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    // Parsed once: render() runs on every answer and must stay cheap on a 200-item page.
    var conditionsByItem = items.map(function (item) {
      var raw = item.getAttribute("data-applies");
      return raw ? JSON.parse(raw) : null;
    });

    function applies(item, index) {
      var conditions = conditionsByItem[index];
      if (!conditions) return true;
      return Object.keys(conditions).every(function (question) {
        var answer = state.profile[question];
        return !answer || conditions[question].indexOf(answer) >= 0;
      });
    }

    function syncControls() {
      items.forEach(function (item) {
        var answer = state.answers[item.getAttribute("data-item")];
        item.querySelectorAll(".kb-answer input[type=radio]").forEach(function (radio) {
          radio.checked = radio.value === answer;
        });
      });
      if (profileBox) {
        profileBox.querySelectorAll("[data-question]").forEach(function (box) {
          var answer = state.profile[box.getAttribute("data-question")] || "";
          box.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = radio.value === answer; });
        });
      }
    }

    function render() {
      var answered = 0, total = 0, hiddenCount = 0, open = [];
      items.forEach(function (item, index) {
        var id = item.getAttribute("data-item");
        var answer = state.answers[id] || "";
        var visible = applies(item, index);
        // Only touch what changed, so an answer restyles one item, not the whole page.
        if (item.hidden === visible) item.hidden = !visible;
        if (item.getAttribute("data-answer") !== answer) item.setAttribute("data-answer", answer);
        if (!visible) { hiddenCount++; return; }
        total++;
        if (answer) answered++;
        if (!answer || answer === "no") open.push({ item: item, id: id, answer: answer });
      });
      summary.querySelector(".kb-answered").textContent = answered;
      summary.querySelector(".kb-total").textContent = total;
      summary.querySelector(".kb-open-count").textContent = open.length;
      var progress = summary.querySelector(".kb-progress");
      progress.max = Math.max(total, 1);
      progress.value = answered;
      var list = summary.querySelector(".kb-open-list");
      list.textContent = "";
      open.forEach(function (entry) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + entry.id;
        var heading = entry.item.querySelector("h2");
        var title = heading ? heading.textContent.replace(/¶$/, "") : entry.id;
        link.textContent = entry.id + " " + title;
        li.appendChild(link);
        li.appendChild(document.createTextNode(entry.answer === "no" ? "（いいえ）" : "（未回答）"));
        li.className = entry.answer === "no" ? "kb-open-no" : "kb-open-unanswered";
        list.appendChild(li);
      });
      var share = formatState(state);
      summary.querySelector(".kb-share-link").href = pageUrl() + (share ? "#" + share : "");
      var note = document.querySelector(".kb-filter-note");
      if (note) {
        note.textContent = hiddenCount ? "選んだ条件に当てはまらない項目 " + hiddenCount + " 件を表示していません。" : "";
      }
    }

    syncControls();
    render();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  window.kb.onPage(function () {
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary) initDecision(summary);
  });
})();
