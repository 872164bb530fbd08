/* Shared by the site's scripts (load first): one namespace, window.kb, with
 *   kb.onPage(fn)   run fn on every page view: on Material's document$ when present (it also fires
 *                   on instant navigation), else once when the document is ready;
 *   kb.pageData(el) the JSON a generated page put in el's data-kb-json attribute, or null;
 *   kb.storage      localStorage that never throws (disabled storage, some file:// setups):
 *                   get(key) -> parsed JSON or null, set(key, value), remove(key), keys(prefix).
 * Framework-free; works from file:// too; nothing leaves the browser.
 */
(function () {
  "use strict";

  var kb = window.kb = window.kb || {};

  var pending = [];
  var subscribed = false;

  kb.onPage = function (fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
      return;
    }
    if (document.readyState !== "loading") { fn(); return; }
    pending.push(fn);
    if (!subscribed) {
      subscribed = true;
      document.addEventListener("DOMContentLoaded", function () { pending.forEach(function (f) { f(); }); });
    }
  };

  /* The data a generated page hands to its script (json_data_element in the package). */
  kb.pageData = function (element) {
    try { return JSON.parse(element.getAttribute("data-kb-json")); } catch (e) { return null; }
  };

  kb.storage = {
    /* The stored value parsed, or null when missing, unreadable or not JSON. `ok` is false
       when something was there but could not be read (callers say so on the page). */
    read: function (key) {
      var raw;
      try { raw = window.localStorage.getItem(key); } catch (e) { return { value: null, ok: true }; }
      if (raw === null || raw === undefined) return { value: null, ok: true };
      try { return { value: JSON.parse(raw), ok: true }; } catch (e) { return { value: null, ok: false }; }
    },
    get: function (key) { return kb.storage.read(key).value; },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
    },
    keys: function (prefix) {
      var found = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf(prefix) === 0) found.push(key);
        }
      } catch (e) { /* storage unavailable */ }
      return found;
    }
  };
})();
