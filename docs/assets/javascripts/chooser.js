/* Form chooser (chooser/…): every step is a pre-rendered page; here a click fetches the next
 * step from the same site and swaps it in place, keeping the path in the URL. Without
 * JavaScript, from file:// or offline, the links are ordinary links. Needs kb_common.js. */
(function () {
  "use strict";

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

  window.kb.onPage(function () {
    var chooser = document.querySelector(".kb-chooser");
    if (chooser) initChooser(chooser);
  });
})();
