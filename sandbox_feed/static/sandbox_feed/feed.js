// Live feed and review queue: listen on the class websockets; on news, refresh the changed regions in
// place unless the user is typing (then show a button instead, so nobody loses their words). Bursts of
// events are gathered into one refresh per second, so a busy class does not reload the page per event.
(function () {
  "use strict";
  var note = document.getElementById("feed-live");
  if (!note || !("WebSocket" in window)) return;
  var ids = (note.dataset.classIds || note.dataset.classId || "").split(",").filter(Boolean);
  var regions = (note.dataset.regions || "berichten,vastgezet").split(",");
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var onFirstPage = !new URLSearchParams(window.location.search).has("voor");
  var pending = null;

  function busy() {
    var active = document.activeElement;
    if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT")) return true;
    if (document.querySelector("details[open].reject, details[open].report")) return true;
    return Array.prototype.some.call(document.querySelectorAll("textarea, input[type=text]"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function refresh() {
    pending = null;
    if (!onFirstPage || busy()) { note.hidden = false; return; }
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        regions.forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (current && next) current.replaceWith(document.importNode(next, true));
        });
      })
      .catch(function () { note.hidden = false; });
  }

  function schedule() {
    if (pending === null) pending = window.setTimeout(refresh, 1000);
  }

  function connect(classId, retries) {
    var socket = new WebSocket(scheme + window.location.host + "/ws/feed/" + classId + "/");
    socket.addEventListener("open", function () { retries = 0; });
    socket.addEventListener("message", schedule);
    socket.addEventListener("close", function (event) {
      // 4401: logged out; 4403: no longer in this class. Reconnecting would only be refused.
      if (event.code === 4401 || event.code === 4403 || retries > 5) return;
      window.setTimeout(function () { connect(classId, retries + 1); }, 2000 * (retries + 1));
    });
  }
  ids.forEach(function (id) { connect(id, 0); });
})();
