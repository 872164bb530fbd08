/* Ordinance pages: the text in force on a chosen date.
 *
 * Without JavaScript the page shows the text in force on the day it was built and every version in
 * each provision's 「改正の履歴」. This script shows the date control (a native date input, usable
 * from the keyboard) set to the reader's today, and for every provision with several versions
 * (.kb-version, data-from / data-until as YYYY-MM-DD, empty = unbounded) shows the one in force on
 * the chosen day. Framework-free; works from file://; runs on every page view through kb.onPage.
 */
(function () {
  "use strict";

  var ERAS = [["令和", "2019-05-01"], ["平成", "1989-01-08"], ["昭和", "1926-12-25"], ["大正", "1912-07-30"], ["明治", "1868-01-25"]];

  function wareki(iso) {
    var parts = iso.split("-").map(Number);
    for (var i = 0; i < ERAS.length; i++) {
      if (iso >= ERAS[i][1]) {
        var year = parts[0] - Number(ERAS[i][1].slice(0, 4)) + 1;
        return ERAS[i][0] + (year === 1 ? "元" : year) + "年" + parts[1] + "月" + parts[2] + "日";
      }
    }
    return parts[0] + "年" + parts[1] + "月" + parts[2] + "日";
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function valid(iso) {
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso >= "1873-01-01" && iso <= "2099-12-31";
  }

  function show(root, day) {
    root.querySelectorAll(".kb-provision").forEach(function (provision) {
      var versions = provision.querySelectorAll(":scope > .kb-version");
      if (!versions.length) return;
      var any = false;
      versions.forEach(function (version) {
        var from = version.getAttribute("data-from");
        var until = version.getAttribute("data-until");
        var inForce = (!from || from <= day) && (!until || day < until);
        version.hidden = !inForce;
        any = any || inForce;
      });
      var none = provision.querySelector(":scope > .kb-version-none");
      if (none) none.hidden = any;
    });
  }

  function init() {
    var box = document.querySelector(".kb-as-of");
    if (!box) return;
    var input = box.querySelector(".kb-as-of-date");
    var status = box.querySelector(".kb-as-of-status");
    var control = box.querySelector(".kb-as-of-control");
    if (!input || !status || !control || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    control.hidden = false;
    function apply(day) {
      if (!valid(day)) {
        status.textContent = "日付を1873年1月1日から2099年12月31日までの範囲で選んでください。";
        return;
      }
      show(document, day);
      status.textContent = wareki(day) + (day === today() ? "（今日）" : "") +
        "に施行されている条文を表示しています。改正前・改正後の条文は、各規定の「改正の履歴」で読めます。";
    }
    input.value = today();
    apply(input.value);
    input.addEventListener("input", function () { if (valid(input.value)) apply(input.value); });
    input.addEventListener("change", function () { apply(input.value); });
    box.querySelector(".kb-as-of-today").addEventListener("click", function () {
      input.value = today();
      apply(input.value);
      input.focus();
    });
  }

  if (window.kb && window.kb.onPage) window.kb.onPage(init);
})();
