/* Read-aloud for help articles: an enhancement with the browser's own speech
   synthesis. Without JavaScript or speech support the button never appears. */
(function () {
  "use strict";
  var holder = document.querySelector(".read-aloud");
  var article = document.querySelector("[data-read-aloud-lang]");
  if (!holder || !article || !("speechSynthesis" in window)) return;
  var voices = { "ja": "ja-JP", "ja-x-easy": "ja-JP", "en": "en-US", "zh-hans": "zh-CN", "ko": "ko-KR", "vi": "vi-VN", "pt-br": "pt-BR" };
  var lang = voices[article.getAttribute("data-read-aloud-lang")] || "ja-JP";
  // The labels come from the page, in the reader's language, as markup: with
  // furigana on they carry their ruby (the server's escaped text, never user input).
  var labels = ["start", "stop"].map(function (name) {
    var label = holder.querySelector('[data-label="' + name + '"]');
    label.remove();
    return label.innerHTML;
  });
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary";
  button.setAttribute("aria-pressed", "false");
  button.innerHTML = labels[0];
  holder.appendChild(button);
  holder.hidden = false;

  function text() {
    // Read the words, not the furigana twice: drop <rt>/<rp> from a copy.
    var copy = article.cloneNode(true);
    copy.querySelectorAll("rt, rp, .help-tools, script").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function stop() {
    window.speechSynthesis.cancel();
    button.innerHTML = labels[0];
    button.setAttribute("aria-pressed", "false");
  }
  button.addEventListener("click", function () {
    if (button.getAttribute("aria-pressed") === "true") { stop(); return; }
    var utterance = new SpeechSynthesisUtterance(text());
    utterance.lang = lang;
    utterance.rate = 0.9; // a little slower for older listeners
    utterance.onend = stop;
    window.speechSynthesis.speak(utterance);
    button.innerHTML = labels[1];
    button.setAttribute("aria-pressed", "true");
  });
})();
