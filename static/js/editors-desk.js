/* Editors' desk: live Markdown preview in the admin, loaded after htmx as a static file
   (the admin runs under the site's CSP: no inline script, no inline style, no eval). */
(function () {
  "use strict";
  // Before htmx initialises on DOMContentLoaded: no injected <style>, no eval, same origin.
  htmx.config.includeIndicatorStyles = false;
  htmx.config.allowEval = false;
  htmx.config.allowScriptTags = false;
  htmx.config.selfRequestsOnly = true;

  // A preview request carries only the field's text and the CSRF token (hx-params="none"
  // drops the rest of the admin form, which may hold files and other fields).
  document.addEventListener("htmx:configRequest", function (event) {
    const element = event.detail.elt;
    if (!element.matches("[data-markdown-preview]")) return;
    const field = element.closest(".markdown-field");
    const textarea = field && field.querySelector("textarea");
    const form = element.closest("form");
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!textarea || !token) return;
    event.detail.parameters.markdown = textarea.value;
    event.detail.headers["X-CSRFToken"] = token.value;
  });

  // Inline rows added with "Add another …" are copies of a template row: wire them up too.
  document.addEventListener("formset:added", function (event) {
    htmx.process(event.target);
  });
})();
