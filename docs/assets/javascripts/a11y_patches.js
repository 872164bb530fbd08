/* Accessibility patches over Material for MkDocs 9.8: small fixes to the theme's markup that
 * axe-core reports, applied on every page view. Needs kb_common.js. */
(function () {
  "use strict";

  // Material 9.8 renders its search overlay as role="dialog" without a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.getAttribute("aria-label") && !dialog.getAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "サイト内検索");
    }
  }

  window.kb.onPage(nameSearchDialog);
})();
