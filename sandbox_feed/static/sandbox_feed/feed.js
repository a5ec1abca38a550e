// Live feed and review queue. Every change in a class is an event with the class's next number. The page
// keeps the last number it saw per class and hears what comes after it over the class's websocket (asking
// from that number on every reconnect), or, where a school proxy lets no websocket through, by polling the
// same events over HTTP. News refreshes the changed regions in place, gathered into one refresh per second;
// a region where someone is typing is left alone and the note offers a reload instead, so nobody loses
// their words. Reactions, comments and moderation actions are sent with fetch and update their post in
// place; without JavaScript the same forms post and redirect. Nothing here tells the user anything
// technical: the texts it shows come from data-* attributes of #feed-live.
(function () {
  "use strict";
  var note = document.getElementById("feed-live");
  if (!note) return;
  var data = note.dataset;
  var regions = (data.regions || "").split(",").filter(Boolean);
  var pollMs = Math.max(1, Number(data.pollSeconds) || 5) * 1000;
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var onFirstPage = !new URLSearchParams(window.location.search).has("voor");
  var seqs = readSeqs(note);
  var channels = [];
  var pending = null; // the gathered refresh
  var issued = 0; // refreshes asked for; the answer of an older one never overwrites a newer one
  var applied = 0;

  var SOCKET_FAILURES_BEFORE_POLLING = 2;
  var SOCKET_RETRY_WHILE_POLLING_MS = 60000;
  var SOCKET_STABLE_MS = 10000; // a socket cut sooner than this, without a word, counts as blocked
  var RESYNC_MS = 60000; // an open socket asks for what it might have missed this often
  var MAX_POLL_MS = 60000;

  function readSeqs(element) {
    var found = {};
    (element.dataset.seqs || "").split(",").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts.length === 2 && parts[0]) found[parts[0]] = Number(parts[1]) || 0;
    });
    return found;
  }

  // --- refreshing regions -------------------------------------------------------------------------------

  function typedIn(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
    if (field.type === "file") return Boolean(field.files && field.files.length);
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") return false;
    return field.value.trim() !== "" && field.value !== field.defaultValue;
  }

  // Someone is busy in this region: typing, with a field in focus, a refusal or report form open, or an
  // error shown next to what they typed.
  function busy(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.type !== "hidden") return true;
    if (region.querySelector("details[open].reject, details[open].report, .error")) return true;
    return Array.prototype.some.call(region.querySelectorAll("input, textarea, select"), typedIn);
  }

  function adoptSeqs(fresh) {
    var next = fresh.getElementById("feed-live");
    if (!next) return;
    var found = readSeqs(next);
    Object.keys(found).forEach(function (id) {
      if (!(id in seqs) || found[id] > seqs[id]) seqs[id] = found[id];
    });
  }

  function swap(current, next) {
    var copy = document.importNode(next, true);
    current.replaceWith(copy);
    return copy;
  }

  // Fetch this page again and put its regions in place. `unitId`: the post (or queue item, or switch) a
  // form of this page just changed, refreshed even when its region is busy elsewhere.
  function refresh(unitId) {
    pending = null;
    if (!onFirstPage && !unitId) { note.hidden = false; return Promise.resolve(); }
    var mine = ++issued;
    return fetch(window.location.pathname + window.location.search, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        if (mine < applied) return;
        applied = mine;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var skipped = false;
        regions.forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (!current || !next) return;
          if (onFirstPage && !busy(current)) { swap(current, next); return; }
          var unit = unitId && document.getElementById(unitId);
          if (unit && current.contains(unit)) {
            var nextUnit = fresh.getElementById(unitId);
            if (nextUnit) swap(unit, nextUnit); else unit.remove();
          }
          if (onFirstPage) skipped = true;
        });
        adoptSeqs(fresh);
        if (skipped) note.hidden = false;
        else if (onFirstPage) note.hidden = true;
      })
      .catch(function () {
        // Busy or away for a moment: try again a little later; the note lets the user reload meanwhile.
        note.hidden = false;
        if (pending === null) pending = window.setTimeout(refresh, pollMs);
      });
  }

  function schedule() {
    if (pending === null) pending = window.setTimeout(refresh, 1000);
  }

  // --- hearing events: a websocket per class, or polling where no websocket gets through ----------------

  function follow(classId) {
    var socket = null;
    var failures = 0;
    var polling = false;
    var pollTimer = null;
    var pollDelay = pollMs;
    var retryTimer = null;
    var resyncTimer = null;
    var stopped = false;

    function since() { return seqs[classId] || 0; }

    function heard(message) {
      if (message.reload) {
        // Further behind than the class keeps events: refresh the lists and go on from the current number.
        if ((message.seq || 0) > since()) seqs[classId] = message.seq;
        schedule();
        return;
      }
      if (typeof message.seq !== "number" || message.seq <= since()) return; // seen already
      seqs[classId] = message.seq;
      schedule();
    }

    function connect() {
      retryTimer = null;
      if (stopped || socket) return;
      if (!("WebSocket" in window)) { startPolling(); return; }
      var opened = 0;
      try {
        socket = new WebSocket(scheme + window.location.host + "/ws/feed/" + classId + "/?since=" + since());
      } catch (error) {
        socket = null;
        lost(false, 0);
        return;
      }
      socket.addEventListener("open", function () {
        opened = Date.now();
        stopPolling(); // it asked from our last number on connecting: nothing is missed
        resyncTimer = window.setInterval(resync, RESYNC_MS);
      });
      socket.addEventListener("message", function (event) {
        var message;
        try { message = JSON.parse(event.data); } catch (error) { return; }
        heard(message);
      });
      socket.addEventListener("close", function (event) {
        socket = null;
        window.clearInterval(resyncTimer);
        lost(opened > 0 && Date.now() - opened >= SOCKET_STABLE_MS, event.code);
      });
    }

    function lost(wasStable, code) {
      // 4401: logged out; 4403: no longer in this class. Asking again would only be refused.
      if (code === 4401 || code === 4403) { stop(); return; }
      failures = wasStable ? 0 : failures + 1;
      if (failures >= SOCKET_FAILURES_BEFORE_POLLING) startPolling();
      var wait = polling ? SOCKET_RETRY_WHILE_POLLING_MS : Math.min(30000, 1000 * Math.pow(2, failures));
      if (!stopped) retryTimer = window.setTimeout(connect, wait);
    }

    function resync() {
      if (socket && socket.readyState === WebSocket.OPEN && !document.hidden) {
        socket.send(JSON.stringify({ since: since() }));
      }
    }

    function startPolling() {
      if (polling || stopped) return;
      polling = true;
      pollDelay = pollMs;
      poll();
    }

    function stopPolling() {
      polling = false;
      window.clearTimeout(pollTimer);
      pollTimer = null;
    }

    function poll() {
      window.clearTimeout(pollTimer);
      pollTimer = null;
      if (!polling || stopped || document.hidden) return; // a hidden tab polls again when it is shown
      fetch("/api/v1/feed/classes/" + classId + "/events?since=" + since(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (response.status === 401 || response.status === 403 || response.status === 404) { stop(); return null; }
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (answer) {
          if (!answer) return;
          pollDelay = pollMs;
          if (answer.reload) { heard({ reload: true, seq: answer.cursor }); return; }
          answer.events.forEach(heard);
          if (answer.cursor > since()) seqs[classId] = answer.cursor;
        })
        .catch(function () { pollDelay = Math.min(pollDelay * 2, MAX_POLL_MS); })
        .then(function () {
          if (polling && !stopped && pollTimer === null) pollTimer = window.setTimeout(poll, pollDelay);
        });
    }

    function stop() {
      stopped = true;
      stopPolling();
      window.clearTimeout(retryTimer);
      window.clearInterval(resyncTimer);
      if (socket) socket.close();
    }

    function wake() {
      if (stopped) return;
      if (polling) poll();
      resync();
      if (!socket && retryTimer !== null) { window.clearTimeout(retryTimer); connect(); }
    }

    connect();
    return { wake: wake };
  }

  Object.keys(seqs).forEach(function (id) { channels.push(follow(id)); });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) channels.forEach(function (channel) { channel.wake(); });
  });

  // --- forms sent in place ------------------------------------------------------------------------------

  function tell(messages) {
    if (!messages.length) return;
    var main = document.querySelector("main") || document.body;
    var box = main.querySelector(".messages");
    if (!box) {
      box = document.createElement("div");
      box.className = "messages";
      box.setAttribute("role", "status");
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = "";
    messages.forEach(function (message) {
      var line = document.createElement("p");
      line.className = "message message-" + (message.level || "info");
      line.textContent = message.text;
      box.appendChild(line);
    });
  }

  // The same form in the refreshed unit, to give it the focus back (a reaction's form by its kind).
  function sameForm(unitId, action, kind) {
    var unit = document.getElementById(unitId);
    if (!unit) return null;
    var forms = unit.querySelectorAll("form");
    for (var i = 0; i < forms.length; i += 1) {
      var field = forms[i].querySelector("input[name=kind]");
      if (forms[i].getAttribute("action") === action && (!kind || (field && field.value === kind))) return forms[i];
    }
    return null;
  }

  function send(form, submitter, unit) {
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var buttons = form.querySelectorAll("button, input[type=submit]");
    var unitId = unit.id;
    var action = form.getAttribute("action");
    var kindField = form.querySelector("input[name=kind]");
    var kind = kindField ? kindField.value : "";
    Array.prototype.forEach.call(buttons, function (button) { button.disabled = true; });
    function release() { Array.prototype.forEach.call(buttons, function (button) { button.disabled = false; }); }
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("application/json") === 0) {
          return response.json().then(function (answer) {
            tell(answer.messages || []);
            var target = new URL(answer.location, window.location.href);
            if (target.pathname !== window.location.pathname) { window.location.assign(target.href); return; }
            form.reset();
            release();
            window.clearTimeout(pending);
            pending = null;
            return refresh(unitId).then(function () {
              var again = sameForm(unitId, action, kind);
              var button = again && again.querySelector("button");
              if (button) button.focus();
            });
          });
        }
        if (response.status === 400 && type.indexOf("text/html") === 0) {
          // Refused (a word list, a closed thread): the post comes back with the reason next to the words.
          return response.text().then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html");
            var next = fresh.getElementById(unitId);
            if (next && document.getElementById(unitId)) {
              var placed = swap(document.getElementById(unitId), next);
              var field = placed.querySelector("[autofocus]");
              if (field) field.focus();
            } else {
              release();
            }
          });
        }
        if (response.status === 401 || response.status === 403) {
          // Logged out or the form went stale: let the browser send it, and show what the server says.
          HTMLFormElement.prototype.submit.call(form);
          return;
        }
        release();
        if (response.status === 404 || response.status === 409) {
          tell([{ level: "warning", text: data.textGone }]);
          schedule();
          return;
        }
        tell([{ level: "error", text: data.textRetry }]);
      })
      .catch(function () {
        release();
        tell([{ level: "error", text: data.textRetry }]);
      });
  }

  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return; // a "no" to confirm.js's question, or another script's
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    if (form.enctype === "multipart/form-data" || form.querySelector("input[type=file]")) return;
    var unit = form.closest("li.post[id], .queue-item[id]");
    if (!unit && form.hasAttribute("data-live-form")) unit = form.parentElement.closest("[id]");
    if (!unit || !window.fetch) return;
    event.preventDefault();
    send(form, event.submitter, unit);
  });
})();
