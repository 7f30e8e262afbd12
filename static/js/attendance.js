/* Tsunagu attendance on a trainer's tablet, with or without a signal.
   Every tap becomes an item with a UUID and the device's time, kept in
   IndexedDB until the server has it (POST /api/v1/attendance/sync); the server
   stores each UUID once, so sending again after a lost answer is harmless.
   What the page shows is the server's state merged with this tablet's items by
   the server's own rule: the latest made_at wins, ties broken by the UUID.
   No framework, no build step. */
(function () {
  "use strict";
  var app = document.getElementById("trainer-app");
  if (!app) return;
  var $ = function (s, r) { return (r || document).querySelector(s); };
  var $$ = function (s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); };
  var SESSION = app.dataset.session ? +app.dataset.session : null;
  var SYNC_URL = app.dataset.sync;
  var msgEl = $("#attendance-messages");
  var MSG = msgEl ? JSON.parse(msgEl.textContent) : {};
  var stateEl = $("#attendance-state");
  var server = stateEl ? JSON.parse(stateEl.textContent) : {};
  var items = [];          // every item this tablet made (sent or not), all classes
  var storageOk = true;
  var syncing = false, lastProblem = "", refused = [];

  function say(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (_, k) { return values && k in values ? values[k] : ""; });
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /* --- IndexedDB: one store of items, per signed-in user ----------------- */
  var dbp = null;
  function db() {
    if (!dbp) dbp = new Promise(function (ok, fail) {
      var req = indexedDB.open("tsunagu-attendance-" + (app.dataset.user || "0"), 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("items", { keyPath: "uuid" }); };
      req.onsuccess = function () { ok(req.result); };
      req.onerror = function () { fail(req.error); };
    });
    return dbp;
  }
  function store(mode, work) {
    return db().then(function (d) {
      return new Promise(function (ok, fail) {
        var t = d.transaction("items", mode), req = work(t.objectStore("items"));
        t.oncomplete = function () { ok(req && req.result); };
        t.onerror = t.onabort = function () { fail(t.error); };
      });
    });
  }
  function save(item) {
    return store("readwrite", function (s) { return s.put(item); }).catch(function () {
      storageOk = false; showStatus();
    });
  }
  function load() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (all) {
      var old = Date.now() - 30 * 864e5;  // sent items are kept a month, then dropped
      items = (all || []).filter(function (it) {
        if (it.sent && Date.parse(it.made_at) < old) { store("readwrite", function (s) { return s.delete(it.uuid); }); return false; }
        return true;
      });
    }).catch(function () { storageOk = false; });
  }

  /* --- State: the latest of server's and this tablet's marks -------------- */
  function later(a, b) {
    if (!a) return b; if (!b) return a;
    var ta = Date.parse(a.made_at), tb = Date.parse(b.made_at);
    if (ta !== tb) return ta > tb ? a : b;
    return String(a.uuid) > String(b.uuid) ? a : b;
  }
  function current(row, kind, statement, phase) {
    var reg = row.dataset.registration, walk = row.dataset.walkIn;
    statement = statement ? String(statement) : ""; phase = phase || "";
    var best = reg ? server["r" + reg + "|" + kind + "|" + statement + "|" + phase] : null;
    items.forEach(function (it) {
      // A refused item is not what the server holds: the page shows the server's state.
      if (it.error || it.type !== "mark" || it.kind !== kind || String(it.statement || "") !== statement || (it.phase || "") !== phase) return;
      if ((reg && String(it.registration) === reg) || (walk && it.walk_in === walk)) best = later(best, it);
    });
    return best;
  }
  function value(row, kind, statement, phase) {
    var m = current(row, kind, statement, phase);
    return m ? m.value : "";
  }

  function record(row, kind, val, extra) {
    var item = { uuid: uuid(), type: "mark", session: SESSION, kind: kind, value: String(val),
      made_at: new Date().toISOString(), sent: 0 };
    Object.keys(extra || {}).forEach(function (k) { item[k] = extra[k]; });
    if (row.dataset.registration) item.registration = +row.dataset.registration;
    else item.walk_in = row.dataset.walkIn;
    items.push(item);
    save(item);
    paint(row);
    tally();
    showStatus();
    soon();
    return item;
  }

  /* --- Drawing ------------------------------------------------------------- */
  function label(val) {
    var b = $('.person__marks [data-mark="' + val + '"]', app);
    return b ? b.textContent.trim() : MSG.unmarked;
  }
  function paint(row) {
    var att = value(row, "attendance") || "unmarked";
    $$("[data-mark]", row).forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.mark === att)); });
    row.className = "person person--" + att;
    $("[data-status-text]", row).textContent = att === "unmarked" ? MSG.unmarked : label(att);
    $("[data-undo]", row).disabled = !(row._undo && row._undo.length);
    var loan = current(row, "loaner");
    var out = loan && loan.value === "out";
    var lb = $("[data-loaner]", row);
    lb.setAttribute("aria-pressed", String(!!out));
    lb.hidden = !!out;
    $("[data-loaner-return]", row).hidden = !out;
    var note = $("[data-loaner-note]", row);
    if (out && loan.note && !note.value) note.value = loan.note;
    row.dataset.loaner = loan ? loan.value : "";
  }
  function tally() {
    var el = $("#tally"); if (!el) return;
    var counts = {};
    $$(".person", $("#roster")).forEach(function (row) {
      var v = value(row, "attendance") || "unmarked"; counts[v] = (counts[v] || 0) + 1;
    });
    el.textContent = ["present", "late", "absent", "excused", "unmarked"].map(function (v) {
      return label(v) + " " + (counts[v] || 0);
    }).join("・");
  }
  function announce(text) { var s = $("#announce"); if (s) s.textContent = text; }
  function showStatus() {
    var el = $("#sync-status"); if (!el) return;
    var waiting = items.filter(function (it) { return !it.sent; }).length;
    var parts = [];
    if (!storageOk) parts.push(MSG.noStorage);
    if (waiting) parts.push(say(MSG.waiting, { n: waiting }));
    if (lastProblem) parts.push(lastProblem);
    if (refused.length) parts.push(say(MSG.refused, { n: refused.length, why: refused[refused.length - 1] }));
    if (!parts.length && items.length) parts.push(MSG.allSent);
    el.textContent = parts.join(" ");
    el.dataset.waiting = waiting;
    app.classList.toggle("has-waiting", waiting > 0);
  }

  /* --- Sending ------------------------------------------------------------- */
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var input = $("input[name=csrfmiddlewaretoken]");
    return m ? decodeURIComponent(m[1]) : input ? input.value : "";
  }
  var timer = null;
  function soon() { clearTimeout(timer); timer = setTimeout(sync, 800); }
  var batchSize = 200;
  function refuse(it, why) {
    it.sent = 1; it.error = why; refused.push(why); save(it);
    // The refused item no longer counts: redraw from what the server holds.
    var roster = $("#roster");
    if (roster) { $$(".person", roster).forEach(paint); tally(); paintCanDo(); }
  }
  function sync() {
    if (syncing || !SYNC_URL) return Promise.resolve();
    var pending = items.filter(function (it) { return !it.sent; });
    if (!pending.length) { showStatus(); return Promise.resolve(); }
    // Walk-ins first: marks for a walk-in refer to it by its UUID.
    pending.sort(function (a, b) { return (a.type === "walk_in" ? 0 : 1) - (b.type === "walk_in" ? 0 : 1); });
    syncing = true;
    var batch = pending.slice(0, batchSize);
    var body = JSON.stringify({ items: batch.map(function (it) {
      var out = {}; Object.keys(it).forEach(function (k) { if (k !== "sent" && k !== "error") out[k] = it[k]; }); return out;
    }) });
    var el = $("#sync-status"); if (el) el.textContent = MSG.sending;
    return fetch(SYNC_URL, { method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(),
        "Accept-Language": document.documentElement.lang || "ja" }, body: body })
      .then(function (res) {
        if (res.status === 401 || res.status === 403) { lastProblem = MSG.signIn; return null; }
        // The server refused the whole batch as too large or unreadable: send halves,
        // down to one item, which is then dropped with the reason, so one poisoned
        // item never keeps the tablet resending forever.
        if (res.status === 413 || res.status === 400 || res.status === 422) {
          if (batch.length > 1) batchSize = Math.ceil(batch.length / 2);
          else refuse(batch[0], res.status === 413 ? MSG.tooLarge : MSG.unreadable);
          setTimeout(sync, 0);
          return null;
        }
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (data) {
        if (!data) return;
        lastProblem = "";
        var byId = {};
        batch.forEach(function (it) { byId[it.uuid] = it; });
        data.results.forEach(function (r) {
          var it = byId[r.uuid]; if (!it) return;
          if (r.status === "error") { refuse(it, r.error); return; }
          it.sent = 1;
          save(it);
        });
        batchSize = 200;
        if (pending.length > batch.length) setTimeout(sync, 0);
      })
      .catch(function () { lastProblem = MSG.offline; })
      .then(function () { syncing = false; showStatus(); });
  }

  /* --- The roster ------------------------------------------------------------ */
  function rowFor(el) { return el.closest(".person"); }
  function mark(row, val, extra) {
    var before = value(row, "attendance") || "unmarked";
    if (before === val && !extra) return;
    (row._undo = row._undo || []).push(before);
    record(row, "attendance", val, extra);
    announce(say(MSG.marked, { name: row.dataset.name, status: label(val) }));
  }
  function wireRoster(root) {
    root.addEventListener("click", function (ev) {
      var b = ev.target.closest("button"); if (!b || !root.contains(b)) return;
      var row = rowFor(b); if (!row) return;
      var excuse = $("[data-excuse]", row);
      if (b.dataset.mark === "excused") {
        excuse.hidden = !excuse.hidden; b.setAttribute("aria-expanded", String(!excuse.hidden));
        if (!excuse.hidden) $("[data-reason]", row).focus();
      } else if (b.dataset.mark) {
        excuse.hidden = true; mark(row, b.dataset.mark);
      } else if (b.hasAttribute("data-excuse-save")) {
        mark(row, "excused", { note: $("[data-reason]", row).value.trim().slice(0, 200) });
        excuse.hidden = true;
        $('[data-mark="excused"]', row).setAttribute("aria-expanded", "false");
      } else if (b.hasAttribute("data-undo")) {
        var prev = (row._undo || []).pop();
        if (prev) { record(row, "attendance", prev, { note: "undo" }); announce(say(MSG.undone, { name: row.dataset.name })); }
      } else if (b.hasAttribute("data-loaner")) {
        record(row, "loaner", "out", { note: $("[data-loaner-note]", row).value.trim().slice(0, 40) });
        announce(row.dataset.name + ": " + MSG.loanerOut);
        $("[data-loaner-return]", row).focus();
      } else if (b.hasAttribute("data-loaner-return")) {
        record(row, "loaner", "returned", { note: $("[data-loaner-note]", row).value.trim().slice(0, 40) });
        announce(row.dataset.name + ": " + MSG.loanerBack);
        $("[data-loaner]", row).focus();
      } else if (b.hasAttribute("data-can-do")) {
        openCanDo(row, b);
      }
    });
  }

  function addRow(walkIn) {
    var tpl = $("#person-template"); if (!tpl) return null;
    var row = tpl.content.firstElementChild.cloneNode(true);
    row.dataset.registration = walkIn.registration_id || "";
    row.dataset.walkIn = walkIn.uuid;
    row.dataset.name = walkIn.name;
    $('[data-field="name"]', row).textContent = walkIn.name;
    $('[data-field="name_kana"]', row).textContent = walkIn.name_kana;
    $('[data-field="phone"]', row).textContent = walkIn.phone ? "***-" + walkIn.phone.replace(/\D/g, "").slice(-4) : "";
    $('[data-field="party"]', row).hidden = +walkIn.party_size !== 2;
    $('[data-field="loaner"]', row).hidden = !walkIn.needs_loaner_device;
    $("#roster").appendChild(row);
    var empty = $("#roster-empty"); if (empty) empty.hidden = true;
    paint(row);
    return row;
  }

  function wireWalkIn() {
    var form = $("#walk-in-form"); if (!form) return;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = form.elements, err = $("#walk-in-error");
      var name = f.name.value.trim(), kana = f.name_kana.value.trim();
      if (!name || !kana) { err.textContent = MSG.needName; (name ? f.name_kana : f.name).focus(); return; }
      err.textContent = "";
      var item = { uuid: uuid(), type: "walk_in", session: SESSION, name: name, name_kana: kana,
        phone: f.phone.value.trim(), party_size: +form.querySelector("[name=party_size]:checked").value,
        needs_loaner_device: f.needs_loaner_device.checked, made_at: new Date().toISOString(), sent: 0 };
      items.push(item);
      save(item);
      var row = addRow(item);
      // They are in the room: a walk-in is present from the moment they are added.
      record(row, "attendance", "present");
      form.reset();
      announce(say(MSG.walkInAdded, { name: name }));
      f.name.focus();
    });
  }

  function wireAllPresent() {
    var btn = $("#all-present"), box = $("#all-present-confirm"); if (!btn) return;
    btn.addEventListener("click", function () {
      box.hidden = false; btn.setAttribute("aria-expanded", "true"); $('[data-confirm="yes"]', box).focus();
    });
    box.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-confirm]"); if (!b) return;
      box.hidden = true; btn.setAttribute("aria-expanded", "false");
      if (b.dataset.confirm === "yes") {
        var n = 0;
        $$(".person", $("#roster")).forEach(function (row) {
          if ((value(row, "attendance") || "unmarked") === "unmarked") { mark(row, "present"); n++; }
        });
        announce(say(MSG.allMarked, { n: n }));
      }
      btn.focus();
    });
  }

  /* --- The can-do check ------------------------------------------------------- */
  var dialog = $("#can-do-dialog"), dialogRow = null, opener = null;
  function paintCanDo() {
    if (!dialogRow) return;
    $$("[data-answer]", dialog).forEach(function (b) {
      b.setAttribute("aria-pressed", String(value(dialogRow, "can_do", b.dataset.statement, b.dataset.phase) === b.dataset.answer));
    });
    var sat = value(dialogRow, "satisfaction", "", "after");
    $$("[data-satisfaction]", dialog).forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.satisfaction === sat)); });
  }
  function openCanDo(row, button) {
    if (!dialog) return;
    dialogRow = row; opener = button;
    $("[data-can-do-name]", dialog).textContent = row.dataset.name;
    paintCanDo();
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
  }
  function wireCanDo() {
    if (!dialog) return;
    dialog.addEventListener("click", function (ev) {
      var b = ev.target.closest("button"); if (!b || !dialogRow) return;
      if (b.dataset.answer) record(dialogRow, "can_do", b.dataset.answer, { statement: +b.dataset.statement, phase: b.dataset.phase });
      else if (b.dataset.satisfaction) record(dialogRow, "satisfaction", b.dataset.satisfaction, { phase: "after" });
      else if (b.id === "can-do-close") dialog.close ? dialog.close() : dialog.removeAttribute("open");
      paintCanDo();
    });
    dialog.addEventListener("close", function () { if (opener) opener.focus(); dialogRow = null; });
  }

  /* --- Offline: the service worker keeps the pages and the rosters --------------- */
  function prefetch() {
    var urls = [location.pathname, app.dataset.scope];
    $$("a[data-prefetch]").forEach(function (a) { urls.push(a.getAttribute("href")); });
    if (app.dataset.todayApi) urls.push(app.dataset.todayApi);
    // Each fetch passes through the worker, which keeps a copy of the answer.
    urls.forEach(function (u) { fetch(u, { credentials: "same-origin" }).catch(function () {}); });
  }
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !app.dataset.sw) return;
    navigator.serviceWorker.register(app.dataset.sw, { scope: app.dataset.scope }).then(function () {
      if (navigator.serviceWorker.controller) prefetch();
      else navigator.serviceWorker.addEventListener("controllerchange", prefetch, { once: true });
    }).catch(function () {});
  }

  /* --- Start ---------------------------------------------------------------------- */
  var live = document.createElement("p");
  live.id = "announce"; live.className = "visually-hidden"; live.setAttribute("aria-live", "polite");
  app.appendChild(live);
  registerWorker();
  load().then(function () {
    var roster = $("#roster");
    if (roster && SESSION) {
      var known = {};
      $$(".person", roster).forEach(function (row) { if (row.dataset.walkIn) known[row.dataset.walkIn] = 1; });
      items.forEach(function (it) {
        if (it.type === "walk_in" && it.session === SESSION && !it.error && !known[it.uuid]) addRow(it);
      });
      $$(".person", roster).forEach(paint);
      wireRoster(roster);
      wireWalkIn();
      wireAllPresent();
      wireCanDo();
      tally();
    }
    showStatus();
    var now = $("#sync-now");
    if (now) now.addEventListener("click", sync);
    window.addEventListener("online", sync);
    setInterval(sync, 20000);
    sync();
    app.dataset.ready = "true";
  });
})();
