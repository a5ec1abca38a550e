// Live feed: listen on the class's websocket; on news, refresh the list of posts in place unless the
// user is typing (then show a button instead, so nobody loses their words).
(function () {
  "use strict";
  var note = document.getElementById("feed-live");
  if (!note || !("WebSocket" in window)) return;
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var url = scheme + window.location.host + "/ws/feed/" + note.dataset.classId + "/";
  var onFirstPage = !new URLSearchParams(window.location.search).has("voor");
  var retries = 0;

  function busy() {
    var active = document.activeElement;
    if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT")) return true;
    return Array.prototype.some.call(document.querySelectorAll("textarea, input[type=text]"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function refresh() {
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["berichten", "vastgezet"].forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (current && next) current.parentElement.replaceWith(next.parentElement);
        });
      })
      .catch(function () { note.hidden = false; });
  }

  function connect() {
    var socket = new WebSocket(url);
    socket.addEventListener("open", function () { retries = 0; });
    socket.addEventListener("message", function () {
      if (onFirstPage && !busy()) refresh();
      else note.hidden = false;
    });
    socket.addEventListener("close", function () {
      if (retries > 5) return;
      retries += 1;
      window.setTimeout(connect, 2000 * retries);
    });
  }
  connect();
})();
