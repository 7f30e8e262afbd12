/* Tsunagu trainer service worker (scope {{ today_url }}): keeps the trainer
   pages, their rosters and the page assets on the tablet, so that a reload with
   no signal still shows them. Pages and rosters: network first (a fresh copy
   when there is a signal), the kept copy when the network fails or hangs.
   Assets: the kept copy first. Nothing is sent from here: marks wait in
   IndexedDB and the page sends them. */
"use strict";
var CACHE = "tsunagu-trainer-{{ version|escapejs }}";
var SHELL = {{ shell|safe }};
var TODAY = "{{ today_url|escapejs }}";
var API_TODAY = "{{ api_today|escapejs }}";
var WAIT_MS = 6000;  // a signal that comes and goes can hang a request for minutes

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("tsunagu-trainer-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(request, response) {
  // Never keep a sign-in page in place of a roster, nor an error.
  if (response && response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

function kept(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit || request.mode !== "navigate") return hit;
      return cache.match(TODAY, { ignoreVary: true });
    });
  });
}

function networkFirst(request) {
  var net = fetch(request).then(function (res) { return keep(request, res); });
  var slow = new Promise(function (resolve) { setTimeout(resolve, WAIT_MS); });
  return Promise.race([net.catch(function () { return null; }), slow]).then(function (res) {
    if (res) return res;
    return kept(request).then(function (hit) { return hit || net; });
  }).catch(function () {
    return new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SHELL.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (res) { return keep(request, res); });
    }));
  } else if (url.pathname.indexOf(TODAY) === 0 || url.pathname === API_TODAY) {
    event.respondWith(networkFirst(request));
  }
});
