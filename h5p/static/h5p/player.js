/* Starts every H5P player on the page, one after another (h5p-standalone needs that), and sends the
   answered/completed xAPI statements to the server, which decides about actor, attempts and scores. */
(function () {
  "use strict";
  if (window.OefenfeedH5P) { return; } // several activity blocks include this script; run once
  window.OefenfeedH5P = { players: [] };
  var script = document.currentScript;
  var bundleUrl = script && script.getAttribute("data-h5p-bundle");
  var KEPT = /\/(answered|completed)$/;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function loadBundle() {
    if (window.H5PStandalone) { return Promise.resolve(); }
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = bundleUrl;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  // Messages come translated from the template (data-msg-*), so this file holds no user-facing text.
  function status(player, key, values) {
    var region = player.closest(".h5p-activity").querySelector(".h5p-status");
    if (!region) { return; }
    var text = region.getAttribute("data-msg-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("%(" + name + ")s", values[name]);
    });
    region.textContent = text;
  }

  function playerFor(objectId) {
    return window.OefenfeedH5P.players.find(function (player) {
      var iri = player.getAttribute("data-h5p-iri");
      return objectId === iri || objectId.indexOf(iri + "?") === 0;
    });
  }

  function send(event) {
    var statement = event.data && event.data.statement;
    if (!statement || !statement.verb || !KEPT.test(statement.verb.id) || !statement.object) { return; }
    var player = playerFor(statement.object.id || "");
    if (!player) { return; }
    fetch(player.getAttribute("data-h5p-xapi-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(statement)
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || response.statusText); }
        var isTop = statement.object.id.indexOf("?") === -1;
        if (body.stored && isTop && body.max !== null) {
          status(player, "saved", { raw: body.raw, max: body.max });
        }
      });
    }).catch(function () {
      status(player, "not-saved");
    });
  }

  async function start() {
    var players = Array.prototype.slice.call(document.querySelectorAll("[data-h5p-options]"));
    if (!players.length) { return; }
    try {
      await loadBundle();
    } catch (error) {
      players.forEach(function (player) { status(player, "no-player"); });
      return;
    }
    // Keep the constructor: after the first player starts, window.H5PStandalone is no longer there.
    var Player = window.H5PStandalone.H5P;
    var dispatchers = [];
    for (var i = 0; i < players.length; i++) {
      var player = players[i];
      var options = JSON.parse(document.getElementById(player.getAttribute("data-h5p-options")).textContent);
      player.innerHTML = "";
      window.OefenfeedH5P.players.push(player);
      try {
        await new Player(player, options);
        player.setAttribute("data-h5p-ready", "true");
      } catch (error) {
        window.console.error("H5P:", error);
        status(player, "no-start");
        continue;
      }
      // Each start may leave a new H5P global (and dispatcher) in this page: listen on every one once.
      var dispatcher = window.H5P && window.H5P.externalDispatcher;
      if (dispatcher && dispatchers.indexOf(dispatcher) === -1) {
        dispatcher.on("xAPI", send);
        dispatchers.push(dispatcher);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
