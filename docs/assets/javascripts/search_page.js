/*
 * Search from a file share (file://): Chromium refuses to start a Web Worker from a file
 * URL, so Material's search would stay at 「検索を初期化しています」 forever. Here the
 * engine (search_engine.js, whose URL this script's data-engine attribute gives) runs in the
 * page behind a stand-in Worker; Material reads the index from search/search_index.js, which
 * hooks/search_index.py writes for exactly this case. hooks/search_index.py loads this before
 * Material's bundle, which starts its worker while it loads. Served over http(s) the engine
 * runs in Material's worker and is never loaded into the page: this file only watches.
 */
(function () {
  "use strict";

  var NOT_READY_MESSAGE = "この場所から開いたサイトでは検索を準備できませんでした。" +
    "サイトを Web サーバーから開くか、左のメニューとチェックリスト一覧からたどってください。";
  var NOT_READY_AFTER_MS = 4000;

  var script = document.currentScript;
  var engineUrl = script && script.getAttribute("data-engine");
  if (location.protocol === "file:" && engineUrl) {
    var handle = null, waiting = [];
    var engine = document.createElement("script");
    engine.src = engineUrl;
    engine.onload = function () {
      handle = window.KbSearch.createHandler({ fileUrls: true });
      waiting.splice(0).forEach(function (deliver) { deliver(); });
    };
    document.head.appendChild(engine);
    var NativeWorker = window.Worker;
    var InPageWorker = function (url) {
      if (!/search/.test(String(url)) && NativeWorker) return new NativeWorker(url);
      var target = new EventTarget();
      target.postMessage = function (message) {
        // Asynchronous like a real worker: Material subscribes after posting SETUP. Messages
        // that come before the engine has loaded wait for it, in order.
        var deliver = function () {
          var reply = handle(message);
          if (reply) target.dispatchEvent(new MessageEvent("message", { data: reply }));
        };
        setTimeout(function () { if (handle) deliver(); else waiting.push(deliver); }, 0);
      };
      target.terminate = function () {};
      return target;
    };
    window.Worker = InPageWorker;
  }

  /* Never leave a spinner: when search has not started a while after it was opened, say so. */
  function watchForStall() {
    var toggle = document.getElementById("__search");
    var meta = document.querySelector(".md-search-result__meta");
    if (!toggle || !meta) return;
    var initial = meta.textContent;
    toggle.addEventListener("change", function () {
      if (!toggle.checked) return;
      setTimeout(function () {
        if (meta.textContent === initial && !document.querySelector(".md-search-result__item")) {
          meta.textContent = NOT_READY_MESSAGE;
          meta.classList.add("kb-search-unavailable");
        }
      }, NOT_READY_AFTER_MS);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchForStall);
  else watchForStall();
})();
