/* ご意見・誤りの報告 links: the build knows the page only as a path inside the site, so the address
   the reader has open (without answers in the query or fragment) is put into the mail here.
   Only the mailto: link changes; nothing is sent. Needs kb_common.js. */
(function () {
  "use strict";

  function pageAddress() {
    return location.href.split("#")[0].split("?")[0];
  }

  function fill() {
    var address = pageAddress();
    document.querySelectorAll("a.kb-feedback[data-kb-to]").forEach(function (link) {
      var body = link.getAttribute("data-kb-body") || "";
      var page = link.getAttribute("data-kb-page") || "";
      body = body.replace("ページ: " + page + "\n", "ページ: " + address + "\n");
      link.href = "mailto:" + link.getAttribute("data-kb-to") +
        "?subject=" + encodeURIComponent(link.getAttribute("data-kb-subject") || "") +
        "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
    });
  }

  window.kb.onPage(fill);
}());
