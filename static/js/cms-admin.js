/* Wagtail editor: refresh the easy-Japanese advice while the editor types. */
(function () {
  "use strict";
  function init() {
    var panel = document.querySelector(".easy-japanese-check");
    var form = panel && panel.closest("form");
    if (!panel || !form) return;
    var result = panel.querySelector(".easy-japanese-check__result");
    var timer = null;
    function collect() {
      var parts = [];
      form.querySelectorAll("input[type=text], textarea").forEach(function (el) {
        if (el.name && !/slug|seo|search|url/.test(el.name) && el.value) parts.push(el.value);
      });
      form.querySelectorAll("[contenteditable=true]").forEach(function (el) { parts.push(el.innerText); });
      return parts.join("\n");
    }
    function render(data) {
      // Rendered by the server from the panel's own template, in the editor's language.
      result.innerHTML = data.html;
    }
    function check() {
      var body = new FormData();
      body.append("text", collect());
      body.append("easy", panel.getAttribute("data-easy"));
      var token = form.querySelector("[name=csrfmiddlewaretoken]");
      if (token) body.append("csrfmiddlewaretoken", token.value);
      fetch(panel.getAttribute("data-check-url"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) render(data); })
        .catch(function () {});
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 1200); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
