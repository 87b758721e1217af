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

  // --- Accessibility: focus and announcements across the swap ---
  // The answer replaces the whole panel. htmx moves the focus to the new element with the
  // same id (Ship, Skip), but Undo leaves with the vote it takes back: the focus would fall
  // to <body> and a keyboard user would start again from the top of the page. And a status
  // line inserted by a swap is not reliably read out, so one polite live region, present
  // from page load, repeats what the new panel says.
  let focusedPanelId = null;
  let announcer = null;

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    // A fresh text node in a separate task, so the same message twice is read twice.
    window.setTimeout(function () {
      announcer.textContent = text.replace(/\s+/g, " ").trim();
    }, 50);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    const panel = event.detail.target;
    focusedPanelId =
      panel && panel.classList && panel.classList.contains("vote-panel") &&
      panel.contains(document.activeElement)
        ? panel.id
        : null;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const panel = event.target;
    if (!panel.classList || !panel.classList.contains("vote-panel")) return;
    const line = panel.querySelector(".vote-form__status");
    if (line) announce(line.textContent);
    if (panel.id !== focusedPanelId) return;
    focusedPanelId = null;
    const active = document.activeElement;
    if (active && active !== document.body && panel.contains(active)) return;
    const next =
      panel.querySelector('.vote-button[aria-pressed="true"]') ||
      panel.querySelector(".vote-button");
    if (next) next.focus({ preventScroll: true });
  });

  function addAnnouncer() {
    if (!document.querySelector(".vote-panel")) return;
    announcer = document.createElement("p");
    announcer.id = "vote-announcer";
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    (document.querySelector("main") || document.body).appendChild(announcer);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addAnnouncer);
  } else {
    addAnnouncer();
  }
})();
