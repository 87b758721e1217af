// Shipboard vote panels: show the server's answer when a vote is refused.
// htmx leaves 4xx/5xx responses unswapped. The vote endpoint answers 400 and 429 with the
// panel itself (its status line says what happened), so those are swapped in; a 403 means
// the CSRF check failed (the page is stale) and anything else is our fault or the network's.
(function () {
  "use strict";

  function statusLine(target) {
    const panel = target && target.closest ? target.closest(".vote-panel") : null;
    return panel ? panel.querySelector(".vote-form__status") : null;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    const line = statusLine(event.detail.target);
    const status = event.detail.xhr.status;
    if (!line || status < 400) return;
    event.detail.isError = false;
    if (status === 400 || status === 429) {
      event.detail.shouldSwap = true;
      return;
    }
    event.detail.shouldSwap = false;
    line.textContent =
      status === 403
        ? "This page has expired: reload it, then vote again."
        : "We couldn't count that vote just now. Please try again in a moment.";
  });

  document.addEventListener("htmx:sendError", function (event) {
    const line = statusLine(event.detail.target || event.detail.elt);
    if (line) line.textContent = "No connection: your vote wasn't sent. Please try again.";
  });
})();
