/* Keyboard and screen-reader fixes over the theme, every page:
   - the header's menu and search toggles (labels of hidden checkboxes) answer Enter and Space and
     say whether they are open (aria-expanded);
   - the search dialog keeps Tab inside itself while open and gives focus back to what opened it;
   - a table wider than its column can be scrolled from the keyboard (a focusable, named region);
   - on checklist and chooser pages the skip link goes to the questions, not to the page title.
   Everything here is an enhancement: without JavaScript the page is complete. Needs kb_common.js;
   a11y_patches.js holds the decision pages' own patches. */
(function () {
  "use strict";

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

  function visible(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length) &&
      getComputedStyle(element).visibility !== "hidden";
  }

  /* Header toggles ------------------------------------------------------------------------ */
  function initToggles() {
    document.querySelectorAll("[data-kb-toggle]").forEach(function (button) {
      if (button.dataset.kbReady) { return; }
      button.dataset.kbReady = "1";
      var toggle = document.getElementById(button.dataset.kbToggle);
      if (!toggle) { return; }
      var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          // The theme clicks a focused label on Enter too: one click, not two.
          event.preventDefault();
          event.stopPropagation();
          button.click();
        }
      });
      toggle.addEventListener("change", sync);
      sync();
    });
  }

  /* Search dialog -------------------------------------------------------------------------- */
  var searchOpener = null;

  function searchToggle() { return document.getElementById("__search"); }

  function searchFocusables(dialog) {
    return Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), visible);
  }

  function onSearchChange() {
    var toggle = searchToggle();
    var button = document.querySelector("[data-kb-toggle=__search]");
    if (toggle.checked) {
      var active = document.activeElement;
      searchOpener = active && active !== document.body ? active : button;
      return;
    }
    var opener = searchOpener;
    searchOpener = null;
    var dialog = document.querySelector(".md-search");
    if (opener && dialog && dialog.contains(opener)) {
      // Wide screens: the search field itself opened the dialog; focusing it again would reopen
      // it, so focus goes to the search button if shown, otherwise stays on the page where it was.
      opener = button && visible(button) ? button : null;
    }
    if (opener && document.contains(opener) && visible(opener)) {
      setTimeout(function () { opener.focus(); }, 0);
    }
  }

  /* While the search is closed or still empty, its result area and clear button are hidden: they
     must not be tab stops either. */
  function syncSearchStops() {
    var toggle = searchToggle();
    var field = document.querySelector(".md-search__input");
    var showing = !!(toggle && toggle.checked && field && field.value.trim() !== "");
    // inert, not tabindex=-1: the result area is a scrollable region, which must stay focusable
    // whenever it can be reached at all.
    document.querySelectorAll(".md-search__output, .md-search__options").forEach(function (el) {
      if (showing) { el.removeAttribute("inert"); } else { el.setAttribute("inert", ""); }
    });
  }

  function trapSearchFocus(event) {
    var toggle = searchToggle();
    if (event.key !== "Tab" || !toggle || !toggle.checked) { return; }
    var dialog = document.querySelector(".md-search__inner");
    if (!dialog) { return; }
    // On wide screens the search field sits in the header: passing through it with Tab opens the
    // search, and the page must not hold the keyboard there. It is a dialog (covering the page)
    // once there is a query, or when the search button opened it.
    var field = document.querySelector(".md-search__input");
    var opener = searchOpener;
    var modal = (field && field.value.trim() !== "") ||
      (opener && opener.getAttribute && opener.getAttribute("data-kb-toggle") === "__search");
    if (!modal) { return; }
    var items = searchFocusables(dialog);
    if (!items.length) { return; }
    // The theme closes the search on Tab; a dialog keeps focus until Escape, so Tab moves
    // within it here, before the theme's handler sees the key.
    event.preventDefault();
    event.stopPropagation();
    var index = items.indexOf(document.activeElement);
    var next = event.shiftKey ? (index <= 0 ? items.length - 1 : index - 1) : (index + 1) % items.length;
    items[next].focus();
  }

  function initSearch() {
    var toggle = searchToggle();
    if (!toggle || toggle.dataset.kbReady) { return; }
    toggle.dataset.kbReady = "1";
    // Material sets the checkbox from script (focus on the field, Escape) without a change event,
    // so its state is compared after every event that can change it.
    var last = toggle.checked;
    var check = function () {
      setTimeout(function () {
        syncSearchStops();
        if (toggle.checked === last) { return; }
        last = toggle.checked;
        onSearchChange();
        var button = document.querySelector("[data-kb-toggle=__search]");
        if (button) { button.setAttribute("aria-expanded", last ? "true" : "false"); }
      }, 0);
    };
    syncSearchStops();
    ["focusin", "keyup", "click", "change", "input"].forEach(function (type) {
      document.addEventListener(type, check, true);
    });
    document.addEventListener("keydown", trapSearchFocus, true);
  }

  /* Scrollable tables ---------------------------------------------------------------------- */
  function headingBefore(element) {
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4");
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) { found = headings[i]; }
    }
    return found ? found.textContent.replace(/¶$/, "").trim() : "";
  }

  function markScrollableTables() {
    var names = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        // Each region needs its own name (several on a page): the heading it stands under.
        var name = "表「" + (headingBefore(wrap) || document.title) + "」";
        names[name] = (names[name] || 0) + 1;
        if (names[name] > 1) { name += "（" + names[name] + "）"; }
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name + "、横にスクロールできます");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* The theme lists a search result's tags in a <nav> each: dozens of navigation landmarks of the
     same name. They are a list of words, not navigation. */
  function unlandmarkResultTags(root) {
    root.querySelectorAll("nav.md-tags").forEach(function (nav) { nav.setAttribute("role", "none"); });
  }

  function initSearchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.dataset.kbReady) { return; }
    list.dataset.kbReady = "1";
    new MutationObserver(function () { unlandmarkResultTags(list); }).observe(list, { childList: true, subtree: true });
  }

  /* Skip link ------------------------------------------------------------------------------ */
  function questionsTarget() {
    var candidates = document.querySelectorAll(
      ".md-content .kb-profile fieldset, .md-content .kb-item fieldset.kb-answer, .md-content .kb-chooser");
    for (var i = 0; i < candidates.length; i++) {
      if (visible(candidates[i])) { return candidates[i]; }
    }
    return null;
  }

  function initSkipLink() {
    var skip = document.querySelector(".md-skip");
    var target = questionsTarget();
    if (!skip || !target) { return; }
    if (!target.id) { target.id = "kb-questions"; }
    target.setAttribute("tabindex", "-1");
    skip.setAttribute("href", "#" + target.id);
    skip.textContent = "質問へスキップ";
  }

  function init() {
    initToggles();
    initSearch();
    initSearchResults();
    initSkipLink();
    markScrollableTables();
  }

  window.addEventListener("resize", markScrollableTables);
  window.kb.onPage(init);
}());
