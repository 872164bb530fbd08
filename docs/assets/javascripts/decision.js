/* Decision pages (checklists/<id>/): progressive enhancement over complete HTML. Needs kb_common.js.
 *
 * Own answers: kept in this browser's localStorage, one key per checklist, each answer kept per
 * item with the item's content fingerprint (data-fingerprint, from the build), so answers carry
 * over a new edition item by item and an answer to a changed item is never shown as an answer
 * to the new text. Each item may carry a note (対応予定・期限・担当). Format: CONVENTIONS.md.
 *
 * Share links carry a state in the fragment (a fragment never reaches a server):
 *   #profile=q:opt,…&answers=ITEM:yes|no|na,…&notes=ITEM:plan:due:owner,…&by=name&at=…&v=version
 * Opening one shows the shared answers in a review mode (a banner says whose and from when); the
 * recipient's own stored answers stay untouched until they choose to adopt the shared ones.
 * The chooser links with `?profile=q:opt`: the reader's own choice, applied to their own answers.
 *
 * Whatever cannot be read (a malformed % in a link, a damaged stored value) is ignored and the
 * page says so; the page keeps working. Nothing leaves the browser.
 *
 * The form chooser is chooser.js; fixes to the theme's markup are a11y_patches.js.
 */
(function () {
  "use strict";

  var kb = window.kb;
  var FORMAT = 2;
  var PREFIX = "kyodo-kb:answers:";
  var OLD_PREFIX = "kyodo-kb:decision:";  // format 1: one key per checklist content version
  var SHARER_KEY = "kyodo-kb:sharer-name";
  var ANSWER_LABELS = { yes: "はい", no: "いいえ", na: "該当しない" };
  var NOTE_FIELDS = [["plan", "対応予定"], ["due", "期限"], ["owner", "担当"]];
  var NOTE_MAX = 500;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function map() { return Object.create(null); }  // no prototype: an id like "__proto__" is just a key
  function isAnswer(value) { return typeof value === "string" && has(ANSWER_LABELS, value); }

  /* ---- the share link's format ---- */

  function decodeOrNull(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return null; }
  }

  /* {profile, answers, notes, by, at, version} from a fragment or query string, or null when it
     holds no state. Parts that cannot be decoded are skipped and counted in problems.link. */
  function parseShare(text, problems) {
    if (!text || text.indexOf("=") < 0) return null;
    var state = { profile: map(), answers: map(), notes: map(), by: "", at: "", version: "" }, found = false;
    text.replace(/^[#?]/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var kind = decodeOrNull(part.slice(0, eq)), raw = part.slice(eq + 1);
      if (kind === null) { problems.link++; return; }
      if (kind === "answers" || kind === "profile") {
        found = true;
        var whole = decodeOrNull(raw);  // links from before notes were encoded as a whole
        var entries = whole !== null ? whole.split(",") : raw.split(",").map(function (entry) {
          var decoded = decodeOrNull(entry);
          if (decoded === null) problems.link++;
          return decoded;
        });
        entries.forEach(function (entry) {
          if (entry === null) return;
          var at = entry.lastIndexOf(":");
          if (at <= 0) { if (entry) problems.link++; return; }
          var key = entry.slice(0, at), value = entry.slice(at + 1);
          if (kind === "answers" && !isAnswer(value)) { problems.link++; return; }
          state[kind][key] = value;
        });
      } else if (kind === "notes") {
        found = true;
        raw.split(",").forEach(function (entry) {
          if (!entry) return;
          var fields = entry.split(":").map(decodeOrNull);
          if (fields.length !== 4 || fields.indexOf(null) >= 0 || !fields[0]) { problems.link++; return; }
          var note = {};
          NOTE_FIELDS.forEach(function (field, i) { if (fields[i + 1]) note[field[0]] = fields[i + 1].slice(0, NOTE_MAX); });
          state.notes[fields[0]] = note;
        });
      } else if (kind === "by" || kind === "at" || kind === "v") {
        var value = decodeOrNull(raw);
        if (value === null) { problems.link++; return; }
        if (kind === "by") state.by = value.trim().slice(0, 40);
        else if (kind === "at") {
          if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value)) state.at = value; else problems.link++;
        } else state.version = value.slice(0, 40);
      }
    });
    return found ? state : null;
  }

  function formatShare(view, meta) {
    var parts = [];
    var profile = Object.keys(view.profile).filter(function (k) { return view.profile[k]; })
      .map(function (k) { return k + ":" + view.profile[k]; });
    if (profile.length) parts.push("profile=" + profile.join(","));
    var answers = Object.keys(view.answers).filter(function (k) { return view.answers[k]; })
      .map(function (k) { return k + ":" + view.answers[k]; });
    if (answers.length) parts.push("answers=" + answers.join(","));
    var notes = Object.keys(view.notes).filter(function (k) { return noteFilled(view.notes[k]); }).map(function (k) {
      return [k].concat(NOTE_FIELDS.map(function (field) { return view.notes[k][field[0]] || ""; }))
        .map(encodeURIComponent).join(":");
    });
    if (notes.length) parts.push("notes=" + notes.join(","));
    if (!parts.length) return "";
    if (meta.by) parts.push("by=" + encodeURIComponent(meta.by));
    if (meta.at) parts.push("at=" + meta.at);
    if (meta.version) parts.push("v=" + encodeURIComponent(meta.version));
    return parts.join("&");
  }

  function noteFilled(note) {
    return !!note && NOTE_FIELDS.some(function (field) { return !!note[field[0]]; });
  }

  /* ---- own answers in storage ---- */

  function emptyOwn() { return { format: FORMAT, saved: "", profile: map(), items: map() }; }

  /* A stored value as own answers; whatever does not fit the format is dropped and counted. */
  function normaliseOwn(raw, problems) {
    var own = emptyOwn();
    if (raw === null || raw === undefined) return own;
    if (!isObject(raw)) { problems.storage++; return own; }
    if (typeof raw.saved === "string") own.saved = raw.saved.slice(0, 40);
    if (raw.profile !== undefined) {
      if (!isObject(raw.profile)) problems.storage++;
      else Object.keys(raw.profile).forEach(function (k) {
        if (typeof raw.profile[k] === "string") own.profile[k] = raw.profile[k]; else problems.storage++;
      });
    }
    if (raw.items !== undefined) {
      if (!isObject(raw.items)) { problems.storage++; return own; }
      Object.keys(raw.items).forEach(function (id) {
        var entry = raw.items[id], clean = {};
        if (!isObject(entry)) { problems.storage++; return; }
        if (entry.answer !== undefined && entry.answer !== "") {
          if (isAnswer(entry.answer)) clean.answer = entry.answer; else problems.storage++;
        }
        if (typeof entry.fp === "string") clean.fp = entry.fp;
        if (typeof entry.at === "string") clean.at = entry.at.slice(0, 40);
        if (entry.note !== undefined) {
          if (!isObject(entry.note)) problems.storage++;
          else {
            clean.note = {};
            NOTE_FIELDS.forEach(function (field) {
              var value = entry.note[field[0]];
              if (typeof value === "string" && value) clean.note[field[0]] = value.slice(0, NOTE_MAX);
              else if (value !== undefined && value !== "") problems.storage++;
            });
          }
        }
        own.items[id] = clean;
      });
    }
    return own;
  }

  function pageUrl() {
    return window.location.href.split("#")[0].split("?")[0];
  }

  function nowStamp() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function describeStamp(stamp) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(stamp || "");
    if (!m) return "";
    return Number(m[1]) + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" + (m[4] ? " " + m[4] + ":" + m[5] : "");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function initDecision(summary) {
    if (summary.getAttribute("data-kb-ready")) return;
    summary.setAttribute("data-kb-ready", "1");
    var checklistId = summary.getAttribute("data-checklist");
    var version = summary.getAttribute("data-version");
    var key = PREFIX + checklistId;
    var items = Array.prototype.slice.call(document.querySelectorAll(".kb-item[data-item]"));
    var profileBox = document.querySelector(".kb-profile");
    var fingerprints = map();
    items.forEach(function (item) { fingerprints[item.getAttribute("data-item")] = item.getAttribute("data-fingerprint") || ""; });
    var problems = { link: 0, storage: 0 };
    var storageWorks = true;

    var own = loadOwn();
    var fromQuery = parseShare(window.location.search, problems);
    var shared = parseShare(window.location.hash, problems);
    if (fromQuery) {
      // The chooser's link: the reader's own choice of form, applied to their own answers.
      Object.keys(fromQuery.profile).forEach(function (k) { own.profile[k] = fromQuery.profile[k]; });
      saveOwn();
    }
    var review = shared;  // null: the reader's own answers, editable and saved
    var view = review ? viewFromShared(review) : viewFromOwn();
    // State in the query (the chooser's) or an unreadable state in the fragment leaves the URL; an
    // anchor (#KB-01) and a review's fragment stay (reloading a shared link shows it again).
    var stateHash = /[=&]/.test(window.location.hash);
    if (fromQuery || (!review && stateHash)) {
      window.history.replaceState(window.history.state, "", pageUrl() + (review || !stateHash ? window.location.hash : ""));
    }

    function loadOwn() {
      var read = kb.storage.read(key);
      if (!read.ok) problems.storage++;
      var loaded = normaliseOwn(read.value, problems);
      if (read.value === null) loaded = migrateFormat1(loaded);
      kb.storage.keys(OLD_PREFIX + checklistId + ":").forEach(kb.storage.remove);
      return loaded;
    }

    // Format 1 kept answers under the checklist's content version: same version, same items.
    function migrateFormat1(loaded) {
      var old = kb.storage.get(OLD_PREFIX + checklistId + ":" + version);
      if (!isObject(old)) return loaded;
      var migrated = normaliseOwn({ profile: old.profile, items: {} }, problems);
      if (isObject(old.answers)) Object.keys(old.answers).forEach(function (id) {
        if (isAnswer(old.answers[id]) && has(fingerprints, id)) migrated.items[id] = { answer: old.answers[id], fp: fingerprints[id] };
      });
      kb.storage.set(key, migrated);
      return migrated;
    }

    function saveOwn() {
      own.saved = nowStamp();
      var stored = { format: FORMAT, checklist: checklistId, version: version, saved: own.saved, profile: own.profile, items: own.items };
      if (!kb.storage.set(key, stored) && storageWorks) {
        storageWorks = false;
        notice("このブラウザには回答を保存できません。回答はこの画面を閉じるまで有効です。", "kb-notice-storage");
      }
    }

    function viewFromOwn() {
      var v = { profile: map(), answers: map(), notes: map() };
      Object.keys(own.profile).forEach(function (k) { v.profile[k] = own.profile[k]; });
      Object.keys(own.items).forEach(function (id) {
        var entry = own.items[id];
        // An answer given to other text (a changed item) is kept in storage but not shown as current.
        if (entry.answer && entry.fp === fingerprints[id]) v.answers[id] = entry.answer;
        if (noteFilled(entry.note)) v.notes[id] = entry.note;
      });
      return v;
    }

    function viewFromShared(state) {
      var v = { profile: map(), answers: map(), notes: map() };
      Object.keys(state.profile).forEach(function (k) { v.profile[k] = state.profile[k]; });
      Object.keys(state.answers).forEach(function (k) { v.answers[k] = state.answers[k]; });
      Object.keys(state.notes).forEach(function (k) { v.notes[k] = state.notes[k]; });
      return v;
    }

    function ownEntry(id) {
      var entry = own.items[id] || (own.items[id] = {});
      if (entry.fp !== fingerprints[id]) { delete entry.answer; entry.fp = fingerprints[id]; }
      entry.at = nowStamp();
      return entry;
    }

    function setAnswer(id, value) {
      if (value) view.answers[id] = value; else delete view.answers[id];
      if (review) return;
      var entry = ownEntry(id);
      if (value) entry.answer = value; else delete entry.answer;
      saveOwn();
    }

    function setNote(id, field, value) {
      var note = view.notes[id] = view.notes[id] || {};
      if (value) note[field] = value.slice(0, NOTE_MAX); else delete note[field];
      if (review) return;
      var entry = ownEntry(id);
      entry.note = {};
      NOTE_FIELDS.forEach(function (f) { if (note[f[0]]) entry.note[f[0]] = note[f[0]]; });
      saveOwn();
    }

    function setProfile(question, value) {
      if (value) view.profile[question] = value; else delete view.profile[question];
      if (review) return;
      if (value) own.profile[question] = value; else delete own.profile[question];
      saveOwn();
    }

    function replaceOwn(next) {
      own = next;
      if (Object.keys(own.items).length || Object.keys(own.profile).length) saveOwn(); else kb.storage.remove(key);
    }

    function cloneOwn() { return normaliseOwn(JSON.parse(JSON.stringify(own)), { storage: 0 }); }

    document.body.classList.add("kb-decision-ready");
    summary.hidden = false;
    if (profileBox) profileBox.hidden = false;

    /* ---- messages above the summary: what could not be read, the review banner ---- */

    var notices = element("div", "kb-notices");
    summary.parentNode.insertBefore(notices, summary);

    function notice(text, className) {
      var p = element("p", "kb-notice " + (className || ""), text);
      p.setAttribute("role", "status");
      notices.appendChild(p);
      return p;
    }

    if (problems.link) {
      notice("共有リンクの一部（" + problems.link + " か所）を読み取れなかったため、その部分を無視しました。読み取れた回答は表示しています。",
        "kb-notice-link");
    }
    if (problems.storage) {
      notice("このブラウザに保存されていた回答の一部を読み取れなかったため、その部分を無視しました。",
        "kb-notice-storage-damaged");
    }

    var banner = null;
    function showReviewBanner() {
      banner = element("section", "kb-review-banner");
      banner.setAttribute("aria-label", "共有された回答");
      var heading = element("p", "kb-review-title", "共有された回答を表示しています");
      var who = review.by ? review.by + " さん" : "共有した人（名前はリンクにありません）";
      var when = review.at ? describeStamp(review.at) + " 時点" : "日時はリンクにありません";
      var from = element("p", "kb-review-from", who + "の回答です（" + when + "）。");
      var ownCount = Object.keys(viewFromOwn().answers).length;
      var keep = element("p", "kb-review-keep", "あなたがこのブラウザに保存している回答" +
        (ownCount ? "（" + ownCount + " 件）" : "") + "は変更していません。この画面で回答を変えても保存されません。");
      banner.appendChild(heading);
      banner.appendChild(from);
      banner.appendChild(keep);
      if (review.version && review.version !== version) {
        banner.appendChild(element("p", "kb-review-version", "このリンクは別の版のチェックリストで作られました。内容が変わった項目があるかもしれません。"));
      }
      var actions = element("p", "kb-review-actions");
      var adopt = element("button", "md-button md-button--primary kb-adopt", "この回答を自分の回答として保存する");
      adopt.type = "button";
      var leave = element("button", "md-button kb-leave-review", "自分の回答に戻る");
      leave.type = "button";
      adopt.addEventListener("click", adoptShared);
      leave.addEventListener("click", function () { leaveReview(); announce("自分の回答を表示しています"); });
      actions.appendChild(adopt);
      actions.appendChild(leave);
      banner.appendChild(actions);
      notices.appendChild(banner);
      document.body.classList.add("kb-review-mode");
    }

    function leaveReview() {
      review = null;
      if (banner) banner.parentNode.removeChild(banner);
      banner = null;
      document.body.classList.remove("kb-review-mode");
      window.history.replaceState(window.history.state, "", pageUrl());
      view = viewFromOwn();
      syncControls();
      render();
    }

    function adoptShared() {
      var before = cloneOwn(), next = emptyOwn(), shown = view;
      // Items changed since a scanned sheet's printed edition (sheet_code.js): their answers were
      // given to the earlier text, so they are kept with a fingerprint that is not the item's and
      // show as 「再確認」 (editions.js), never as answers to the new text.
      var printed = kb.printedChanges && kb.printedChanges.checklist === checklistId ? kb.printedChanges : null;
      Object.keys(shown.profile).forEach(function (k) { next.profile[k] = shown.profile[k]; });
      items.forEach(function (item) {
        var id = item.getAttribute("data-item");
        if (!shown.answers[id] && !noteFilled(shown.notes[id])) return;
        var stale = printed && printed.items.indexOf(id) >= 0;
        next.items[id] = { fp: stale ? "printed-" + printed.edition : fingerprints[id], at: nowStamp() };
        if (shown.answers[id]) next.items[id].answer = shown.answers[id];
        if (noteFilled(shown.notes[id])) next.items[id].note = shown.notes[id];
      });
      replaceOwn(next);
      leaveReview();
      if (printed && kb.markRecheck) kb.markRecheck();
      offerUndo("共有された回答を自分の回答として保存しました。" +
        (printed && printed.items.length ? "印刷した版から変わった項目の回答は「再確認」として残しています。" : ""), before);
    }

    /* ---- controls ---- */

    var noteBoxes = map();
    items.forEach(function (item) {
      var id = item.getAttribute("data-item");
      var fieldset = item.querySelector(".kb-answer");
      if (!fieldset) return;
      var toggle = element("button", "kb-caution-toggle", "留意事項を表示");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.addEventListener("click", function () {
        var open = !item.classList.contains("kb-caution-open");
        item.classList.toggle("kb-caution-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.textContent = open ? "留意事項を隠す" : "留意事項を表示";
      });
      fieldset.parentNode.insertBefore(toggle, fieldset.nextSibling);
      fieldset.addEventListener("change", function (event) {
        setAnswer(id, event.target.value);
        render();
      });
      noteBoxes[id] = makeNoteBox(item, id, toggle);
    });

    // メモ（対応予定・期限・担当）: kept with the answer, carried by the share link, print and CSV.
    function makeNoteBox(item, id, after) {
      var box = element("details", "kb-note");
      var label = element("summary", "kb-note-summary");
      box.appendChild(label);
      var inputs = map();
      NOTE_FIELDS.forEach(function (field) {
        var row = element("label", "kb-note-field");
        row.appendChild(element("span", "kb-note-label", field[1]));
        var input = element("input", "kb-note-" + field[0]);
        input.type = "text";
        input.maxLength = NOTE_MAX;
        input.setAttribute("data-note", field[0]);
        if (field[0] === "due") input.placeholder = "例: 2026-12-10";
        row.appendChild(input);
        box.appendChild(row);
        inputs[field[0]] = input;
        input.addEventListener("input", function () {
          setNote(id, field[0], input.value);
          updateNoteLabel(box, label, view.notes[id]);
          updateShareLink();
        });
      });
      after.parentNode.insertBefore(box, after.nextSibling);
      // On paper the note is plain text under the item (print.css); a closed details would print nothing.
      var printed = element("p", "kb-note-print");
      box.parentNode.insertBefore(printed, box.nextSibling);
      return { box: box, label: label, inputs: inputs, printed: printed };
    }

    function updateNoteLabel(box, label, note) {
      var filled = noteFilled(note);
      label.textContent = "メモ（対応予定・期限・担当）" + (filled ? "：記入あり" : "");
      box.classList.toggle("kb-note-filled", filled);
      var printed = box.nextSibling;
      if (printed && printed.className === "kb-note-print") {
        printed.textContent = filled ? NOTE_FIELDS.filter(function (field) { return note[field[0]]; })
          .map(function (field) { return field[1] + "：" + note[field[0]]; }).join("　") : "";
      }
    }

    if (profileBox) {
      profileBox.addEventListener("change", function (event) {
        var question = event.target.closest("[data-question]").getAttribute("data-question");
        setProfile(question, event.target.value);
        render();
      });
    }

    var resetButton = summary.querySelector(".kb-reset");
    resetButton.addEventListener("click", function () {
      var before = cloneOwn();
      replaceOwn(emptyOwn());
      kb.storage.remove(key);
      view = viewFromOwn();
      syncControls();
      render();
      offerUndo("回答・メモと選んだ条件をリセットしました。", before);
    });

    var nameInput = summary.querySelector(".kb-sharer-name");
    if (nameInput) {
      var savedName = kb.storage.get(SHARER_KEY);
      if (typeof savedName === "string") nameInput.value = savedName.slice(0, 40);
      nameInput.addEventListener("input", function () {
        kb.storage.set(SHARER_KEY, nameInput.value.slice(0, 40));
        updateShareLink();
      });
    }

    summary.querySelector(".kb-copy-share").addEventListener("click", function () {
      var url = summary.querySelector(".kb-share-link").href;
      copyText(url).then(function () { announce("リンクをコピーしました"); },
        function () { announce("コピーできませんでした。「この回答を共有するリンク」を右クリックしてコピーしてください"); });
    });

    // The open list sits in the sticky summary: once an item is chosen it closes, so that it
    // never covers the item it leads to.
    var openDetails = summary.querySelector(".kb-open-cautions");
    summary.querySelector(".kb-open-list").addEventListener("click", function (event) {
      if (event.target.closest("a") && openDetails) {
        openDetails.open = false;
        if (kb.stickyChanged) kb.stickyChanged();  // before the browser scrolls to the item
      }
    });

    var status = summary.querySelector(".kb-copy-status");
    var undoButton = null;

    function announce(text) {
      clearUndo();
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function clearUndo() {
      if (undoButton && undoButton.parentNode) undoButton.parentNode.removeChild(undoButton);
      undoButton = null;
    }

    // Reset and adopt replace the reader's answers at one click: both can be undone.
    function offerUndo(text, before) {
      announce(text);
      undoButton = element("button", "md-button kb-undo", "元に戻す");
      undoButton.type = "button";
      undoButton.addEventListener("click", function () {
        replaceOwn(before);
        if (review) leaveReview();
        view = viewFromOwn();
        syncControls();
        render();
        if (kb.markRecheck) kb.markRecheck();
        announce("元に戻しました。");
        resetButton.focus();
      });
      status.parentNode.insertBefore(undoButton, status.nextSibling);
    }

    // Any later change makes the undo point stale.
    document.addEventListener("change", function (event) {
      if (undoButton && event.target.closest && event.target.closest(".kb-item, .kb-profile")) clearUndo();
    });

    // Parsed once: render() runs on every answer and must stay cheap on a 200-item page.
    var conditionsByItem = items.map(function (item) {
      var raw = item.getAttribute("data-applies");
      try { return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
    });
    // The page's table of contents lists every item; items hidden by the chosen form leave it.
    // (Material has two: in the right sidebar, and inside the left one for narrow screens.)
    var tocEntries = items.map(function (item) {
      var links = document.querySelectorAll('.md-nav--secondary a[href="#' + item.getAttribute("data-item") + '"]');
      return Array.prototype.map.call(links, function (link) { return link.closest("li") || link; });
    });

    function applies(index) {
      var conditions = conditionsByItem[index];
      if (!conditions) return true;
      return Object.keys(conditions).every(function (question) {
        var answer = view.profile[question];
        return !answer || conditions[question].indexOf(answer) >= 0;
      });
    }

    function syncControls() {
      items.forEach(function (item) {
        var id = item.getAttribute("data-item");
        var answer = view.answers[id];
        item.querySelectorAll(".kb-answer input[type=radio]").forEach(function (radio) {
          radio.checked = radio.value === answer;
        });
        var box = noteBoxes[id];
        if (box) {
          var note = view.notes[id] || {};
          NOTE_FIELDS.forEach(function (field) { box.inputs[field[0]].value = note[field[0]] || ""; });
          updateNoteLabel(box.box, box.label, note);
        }
      });
      if (profileBox) {
        profileBox.querySelectorAll("[data-question]").forEach(function (box) {
          var answer = view.profile[box.getAttribute("data-question")] || "";
          var radios = box.querySelectorAll("input[type=radio]");
          var known = Array.prototype.some.call(radios, function (radio) { return radio.value === answer; });
          if (!known) { answer = ""; delete view.profile[box.getAttribute("data-question")]; }
          radios.forEach(function (radio) { radio.checked = radio.value === answer; });
        });
      }
    }

    function updateShareLink() {
      var by = nameInput ? nameInput.value.trim().slice(0, 40) : "";
      var share = formatShare(view, { by: by, at: review ? review.at : (own.saved || nowStamp()), version: version });
      summary.querySelector(".kb-share-link").href = pageUrl() + (share ? "#" + share : "");
    }

    function render() {
      var answered = 0, total = 0, hiddenCount = 0, open = [];
      items.forEach(function (item, index) {
        var id = item.getAttribute("data-item");
        var answer = view.answers[id] || "";
        var visible = applies(index);
        // Only touch what changed, so an answer restyles one item, not the whole page.
        if (item.hidden === visible) {
          item.hidden = !visible;
          tocEntries[index].forEach(function (entry) { entry.hidden = !visible; });
        }
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
      updateShareLink();
      var note = document.querySelector(".kb-filter-note");
      if (note) {
        note.textContent = hiddenCount ? "選んだ条件に当てはまらない項目 " + hiddenCount + " 件を表示していません。" : "";
      }
      if (kb.stickyChanged) kb.stickyChanged();
    }

    // A share link opened on this very page (pasted into the address bar) changes only the fragment.
    currentHashHandler = function () {
      var next = parseShare(window.location.hash, problems);
      if (!next) return;
      if (review) { if (banner) banner.parentNode.removeChild(banner); banner = null; }
      review = next;
      view = viewFromShared(review);
      showReviewBanner();
      syncControls();
      render();
    };

    if (review) showReviewBanner();
    syncControls();
    render();
  }

  var currentHashHandler = null;
  window.addEventListener("hashchange", function () {
    if (currentHashHandler && document.querySelector(".kb-summary[data-kb-ready]")) currentHashHandler();
  });

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

  // For other scripts of the site (progress on the home page, print, CSV): the format's readers.
  kb.answers = { PREFIX: PREFIX, FORMAT: FORMAT, NOTE_FIELDS: NOTE_FIELDS, ANSWER_LABELS: ANSWER_LABELS,
                 parseShare: parseShare, formatShare: formatShare, normaliseOwn: normaliseOwn };

  kb.onPage(function () {
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary) initDecision(summary);
  });
})();
