/* Sticky chrome and jump targets, on every page. Needs kb_common.js.
 *
 * Sticky chrome (Material's header, the decision page's summary) takes at most a third of the
 * viewport's height at any size: the summary's list of open items gets the height left in
 * that third, and where even the closed summary does not fit (a short window, 400 % zoom) it
 * stops sticking and scrolls with the page.
 *
 * A jump target (a search result, an ordinance back-link, the 未対応 list, a chooser link)
 * lands fully visible below every sticky element: the sticky height is kept in the CSS
 * variable --kb-sticky-top, which the scroll margins use. The item or provision meant is
 * highlighted (class kb-target), also when the browser's :target does not follow.
 */
(function () {
  "use strict";

  var kb = window.kb;
  var GAP = 8;  // px between the sticky chrome and the target
  var MIN_LIST = 64;  // px: a shorter list is no use; the summary then stops sticking

  function stickyHeader() {
    var header = document.querySelector(".md-header");
    if (!header) return 0;
    var style = window.getComputedStyle(header);
    if (style.position !== "sticky" && style.position !== "fixed") return 0;
    return header.getBoundingClientRect().height;
  }

  function measure() {
    var root = document.documentElement;
    var budget = window.innerHeight / 3;
    var top = stickyHeader();
    var summary = document.querySelector(".kb-summary[data-checklist]:not([hidden])");
    if (summary) {
      var list = summary.querySelector(".kb-open-list");
      var details = summary.querySelector(".kb-open-cautions");
      var listHeight = list && details && details.open ? list.getBoundingClientRect().height : 0;
      var rest = summary.getBoundingClientRect().height - listHeight;
      var room = budget - top - rest;
      root.style.setProperty("--kb-open-list-max", Math.max(MIN_LIST, Math.floor(room - 4)) + "px");
      var height = summary.getBoundingClientRect().height;
      var fits = top + height <= budget;
      summary.classList.toggle("kb-summary-static", !fits);
      if (fits) top += height;
    }
    root.style.setProperty("--kb-sticky-top", Math.ceil(top + GAP) + "px");
  }

  function markTarget() {
    document.querySelectorAll(".kb-target").forEach(function (el) { el.classList.remove("kb-target"); });
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return null; }
    if (!id || /[=&]/.test(id)) return null;
    var target = document.getElementById(id);
    if (!target) return null;
    var holder = target.closest(".kb-item, .kb-provision") || target;
    holder.classList.add("kb-target");
    return target;
  }

  var observer = null;

  function init() {
    measure();
    var target = markTarget();
    // The browser scrolled to the fragment before the sticky height was known: once more now.
    if (target) target.scrollIntoView({ block: "start" });
    if (!kb.stickyWatch) {
      kb.stickyWatch = true;
      window.addEventListener("resize", measure);
      window.addEventListener("hashchange", function () { measure(); markTarget(); });
      document.addEventListener("toggle", measure, true);  // details opened or closed
    }
    if (observer) observer.disconnect();
    var summary = document.querySelector(".kb-summary[data-checklist]");
    if (summary && window.ResizeObserver) {
      observer = new ResizeObserver(function () { measure(); });
      observer.observe(summary);
    }
  }

  kb.stickyChanged = measure;
  kb.onPage(init);
})();
