// Live feed: listen on the class's websocket and offer to show new posts, comments and reactions.
(function () {
  "use strict";
  var note = document.getElementById("feed-live");
  if (!note || !("WebSocket" in window)) return;
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var url = scheme + window.location.host + "/ws/feed/" + note.dataset.classId + "/";
  var retries = 0;

  function connect() {
    var socket = new WebSocket(url);
    socket.addEventListener("open", function () { retries = 0; });
    socket.addEventListener("message", function () {
      // Reloading while someone types would lose their words: show a button instead.
      note.hidden = false;
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4403 || retries > 5) return;
      retries += 1;
      window.setTimeout(connect, 2000 * retries);
    });
  }
  connect();
})();
