/* Decision pages and the form chooser: progressive enhancement over complete HTML.
 *
 * Decision page (checklists/<id>/): answers persist in localStorage under the checklist id and
 * the content version emitted by the build, so a changed checklist never shows stale answers.
 * State travels in the URL as `profile=q:opt,…&answers=ITEM:yes|no|na,…`, in the fragment for
 * share links (a fragment never reaches a server) or in the query string for the chooser's
 * links (which MkDocs can then check at build time). Nothing leaves the browser.
 *
 * Chooser (chooser/…): every step is a pre-rendered page; here a click fetches the next step
 * from the same site and swaps it in place, keeping the path in the URL.
 *
 * Runs on Material's document$ when present (it also fires on instant navigation), else once.
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
  function storageGet(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* answers stay for this visit only */ }
  }
  function storageRemove(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
  }
  function purgeOtherVersions(checklistId, keep) {
    try {
      var stale = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(PREFIX + checklistId + ":") === 0 && key !== keep) stale.push(key);
      }
      stale.forEach(storageRemove);
    } catch (e) { /* storage unavailable */ }
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

    function applies(item) {
      var raw = item.getAttribute("data-applies");
      if (!raw) return true;
      var conditions = JSON.parse(raw);
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
      items.forEach(function (item) {
        var id = item.getAttribute("data-item");
        var answer = state.answers[id] || "";
        var visible = applies(item);
        item.hidden = !visible;
        item.setAttribute("data-answer", answer);
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

  /* ---- form chooser ---- */

  // With Material's instant navigation the theme already swaps pages in place (and keeps its
  // own history); intercepting clicks as well would push every step twice.
  function materialInstant() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).features.indexOf("navigation.instant") >= 0; } catch (e) { return false; }
  }

  function initChooser(box) {
    if (box.getAttribute("data-kb-ready") || materialInstant()) return;
    box.setAttribute("data-kb-ready", "1");
    box.addEventListener("click", function (event) {
      var link = event.target.closest("a.kb-step-link");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      showStep(link.href, true);
    });
    if (!window.kbChooserPopstate) {
      window.kbChooserPopstate = true;
      window.addEventListener("popstate", function (event) {
        if (event.state && event.state.kbChooser && document.querySelector(".kb-chooser")) showStep(window.location.href, false);
      });
      window.history.replaceState({ kbChooser: true }, "", window.location.href);
    }
  }

  // Steps live at different depths; after pushState the browser would resolve the page's
  // relative links (navigation, favicon) against the new URL, so they are made absolute first.
  function pinRelativeUrls(except) {
    document.querySelectorAll("a[href], link[href]").forEach(function (element) {
      var raw = element.getAttribute("href");
      if (except.contains(element) || !raw || raw.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return;
      element.setAttribute("href", element.href);
    });
  }

  function showStep(url, push) {
    // file:// and offline copies cannot fetch; a normal navigation still works there.
    window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (text) {
      var next = new DOMParser().parseFromString(text, "text/html");
      var incoming = next.querySelector(".kb-chooser");
      var current = document.querySelector(".kb-chooser");
      if (!incoming || !current) throw new Error("no chooser");
      pinRelativeUrls(current);
      if (push) window.history.pushState({ kbChooser: true }, "", url);
      current.innerHTML = incoming.innerHTML;
      document.title = next.title;
      var heading = current.querySelector("h2, h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      var live = document.querySelector(".kb-chooser-live");
      if (live && heading) live.textContent = heading.textContent.replace(/¶$/, "");
    }).catch(function () {
      window.location.href = url;
    });
  }

  // Material 9.8 renders its search overlay as role="dialog" without a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.getAttribute("aria-label") && !dialog.getAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "サイト内検索");
    }
  }

  function init() {
    nameSearchDialog();
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary) initDecision(summary);
    var chooser = document.querySelector(".kb-chooser");
    if (chooser) initChooser(chooser);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
