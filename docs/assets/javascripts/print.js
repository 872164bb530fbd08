/* Print controls of checklist pages: reveal them (a print button needs JavaScript; without it
   the browser's own print command gives the same sheet), print the page address as text, and
   print blank or with the answers. The page is never printed without a click. */
(function () {
  "use strict";

  var BLANK_CLASS = "kb-print-blank";
  var APPENDIX_CLASS = "kb-print-appendix";  // print the appendix of cited provisions
  var SKIP_CLASS = "kb-appendix-skip";  // an appendix entry only hidden items cite

  function pageAddress() {
    // Without query and fragment: those may carry answers or a scroll position, not the page.
    return location.href.split("#")[0].split("?")[0];
  }

  function clearMode() {
    document.body.classList.remove(BLANK_CLASS, APPENDIX_CLASS);
    document.querySelectorAll("." + SKIP_CLASS).forEach(function (entry) { entry.classList.remove(SKIP_CLASS); });
  }

  /* The appendix lists the provisions the printed items cite: an entry whose items the chosen
     form hides (decision.js) stays off paper. */
  function markAppendix() {
    document.querySelectorAll(".kb-appendix-entry[data-items]").forEach(function (entry) {
      var shown = entry.getAttribute("data-items").split(" ").some(function (id) {
        var item = document.querySelector('.kb-item[data-item="' + id + '"]');
        return item && !item.hidden;
      });
      entry.classList.toggle(SKIP_CLASS, !shown);
    });
  }

  function printWith(mode, appendix) {
    document.body.classList.toggle(BLANK_CLASS, mode === "blank");
    document.body.classList.toggle(APPENDIX_CLASS, !!appendix);
    if (appendix) markAppendix();
    // The class stays until afterprint: some browsers return from print() before rendering it.
    window.print();
  }

  function init() {
    var address = pageAddress();
    if (/^(https?|file):/.test(address)) {
      document.querySelectorAll(".kb-page-url").forEach(function (node) { node.textContent = address; });
    }
    document.querySelectorAll(".kb-print-controls").forEach(function (controls) {
      var button = controls.querySelector(".kb-print-button");
      if (!button || controls.dataset.kbReady) return;
      controls.dataset.kbReady = "1";
      controls.hidden = false;
      button.addEventListener("click", function () {
        var chosen = controls.querySelector('input[name="kb-print-mode"]:checked');
        var appendix = controls.querySelector('input[name="kb-print-appendix"]');
        printWith(chosen ? chosen.value : "filled", appendix && appendix.checked);
      });
    });
  }

  window.addEventListener("afterprint", clearMode);
  // Material re-renders the page body on instant navigation; document$ emits after each.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
