/* The parent side of the sandboxed H5P player. Every activity on the page gets an
   <iframe sandbox="allow-scripts"> (an opaque origin: library code cannot reach this page, its cookies or
   our API with the session). The frame talks to this page only by postMessage; this page, which has the
   session, stores what it hears with the CSRF token and the play token, and the server decides about
   actor, attempts and scores.

   Messages carry {channel: "oefenfeed-h5p", nonce, type, ...}. From the frame: ready, started, failed,
   resize {height}, xapi {statement}, userdata {id, method, dataType, subContentId, data, preload,
   invalidate}. To the frame: init {contentUserData}, userdata-result {id, ok, body}, relayout. A message
   counts only when it comes from this player's own iframe (event.source), from an opaque origin ("null"),
   and with this play's nonce.

   A player that starts out of sight (a later smartboard step, a closed panel) has no width, and H5P content
   that measures itself then stays blank. So each container is watched (ResizeObserver, and the
   "lessons:step-shown" event deck.js sends): when it shows or its width changes, the frame gets
   "relayout" and resizes its content. Inside an element with data-h5p-scale (the smartboard) the frame is
   zoomed, as the browser zooms a page, so that the activity's 16 px base text takes the font size the
   page's CSS gives the player container. */
(function () {
  "use strict";
  if (window.OefenfeedH5P) { return; } // several activity blocks include this script; run once
  window.OefenfeedH5P = { players: [] };
  var CHANNEL = "oefenfeed-h5p";
  var KEPT = /\/(answered|completed)$/;
  var MAX_HEIGHT = 10000;
  var BASE_FONT_SIZE = 16; // what H5P content is made for: the browser's default font size
  var MIN_SCALE = 1;
  var MAX_SCALE = 4;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Messages come translated from the template (data-msg-*), so this file holds no user-facing text.
  function status(player, key, values) {
    var region = player.container.closest(".h5p-activity").querySelector(".h5p-status");
    if (!region) { return; }
    var text = region.getAttribute("data-msg-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("%(" + name + ")s", values[name]);
    });
    region.textContent = text;
  }

  function post(player, type, data) {
    var message = Object.assign({}, data || {}, { channel: CHANNEL, nonce: player.nonce, type: type });
    // An opaque origin cannot be named as target; the nonce and the frame's own checks guard the channel.
    player.frame.contentWindow.postMessage(message, "*");
  }

  function headers(player, extra) {
    return Object.assign({ "X-CSRFToken": csrfToken(), "X-H5P-Token": player.token }, extra || {});
  }

  function sendStatement(player, statement) {
    if (!statement || typeof statement !== "object" || !statement.verb || typeof statement.verb.id !== "string" ||
        !KEPT.test(statement.verb.id) || !statement.object || typeof statement.object.id !== "string") {
      return;
    }
    fetch(player.xapiUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: headers(player, { "Content-Type": "application/json" }),
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

  function relayUserData(player, data) {
    var reply = function (ok, body) { post(player, "userdata-result", { id: data.id, ok: ok, body: body }); };
    if (typeof data.dataType !== "string" || !/^[-\w]{1,64}$/.test(data.dataType)) { reply(false, null); return; }
    var url = player.stateUrl
      .replace("DATATYPE", encodeURIComponent(data.dataType))
      .replace("SUBCONTENT", encodeURIComponent(String(data.subContentId || "0").slice(0, 64)));
    var request = { method: "GET", credentials: "same-origin", headers: headers(player) };
    if (data.method === "POST") {
      request.method = "POST";
      request.body = new URLSearchParams({
        data: String(data.data === null || data.data === undefined ? "0" : data.data),
        preload: data.preload ? "1" : "0",
        invalidate: data.invalidate ? "1" : "0"
      });
    }
    fetch(url, request).then(function (response) {
      return response.json().then(function (body) { reply(response.ok, body); });
    }).catch(function () { reply(false, null); });
  }

  // display: none on the container or an ancestor (hidden steps, closed <details>) leaves no box.
  function isShown(player) {
    return player.container.getClientRects().length > 0 && player.container.clientWidth > 0;
  }

  function scaleFor(player) {
    if (!player.container.closest("[data-h5p-scale]")) { return 1; }
    var size = parseFloat(window.getComputedStyle(player.container).fontSize);
    if (!(size > 0)) { return 1; }
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round((size / BASE_FONT_SIZE) * 100) / 100));
  }

  // CSS zoom on the iframe zooms its document as browser zoom would: the content lays out in fewer, larger
  // CSS pixels and its own coordinates (pointer events, drag and drop) stay consistent. The height the
  // frame reports is in its own pixels, so the zoom applies to it as well.
  function applyScale(player) {
    var scale = scaleFor(player);
    if (scale === player.scale) { return; }
    player.scale = scale;
    player.frame.style.zoom = scale === 1 ? "" : String(scale);
  }

  // Called when the container shows or changes width: zoom to fit, then let the frame lay out its content
  // again and report its height (reports from a hidden frame are ignored, see the resize handler).
  function relayout(player) {
    if (!isShown(player)) { return; }
    applyScale(player);
    if (player.started) { post(player, "relayout"); }
  }

  function watch(player) {
    if (!window.ResizeObserver) { return; }
    var width = -1;
    new window.ResizeObserver(function () {
      // Height changes are our own doing (the frame's height); only a new width asks for a new layout.
      var now = isShown(player) ? player.container.clientWidth : 0;
      if (now === width) { return; }
      width = now;
      relayout(player);
    }).observe(player.container);
  }

  // deck.js says which step it shows; the ResizeObserver would see it too, this makes it immediate.
  document.addEventListener("lessons:step-shown", function (event) {
    window.OefenfeedH5P.players.forEach(function (player) {
      if (event.target instanceof Node && event.target.contains(player.container)) { relayout(player); }
    });
  });

  var handlers = {
    ready: function (player) {
      if (player.initialised) { return; }
      player.initialised = true;
      post(player, "init", { contentUserData: player.saved });
    },
    started: function (player) {
      player.started = true;
      player.container.setAttribute("data-h5p-ready", "true");
      var loading = player.container.querySelector(".h5p-loading");
      if (loading) { loading.remove(); }
      relayout(player);
    },
    failed: function (player) { status(player, "no-start"); },
    resize: function (player, data) {
      // A frame out of sight measures nothing useful; it reports again on "relayout" once it shows.
      if (!isShown(player)) { return; }
      var height = Math.ceil(Number(data.height));
      if (height > 0) { player.frame.style.height = Math.min(height, MAX_HEIGHT) + "px"; }
    },
    xapi: function (player, data) { sendStatement(player, data.statement); },
    userdata: function (player, data) { relayUserData(player, data); }
  };

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.channel !== CHANNEL || event.origin !== "null") { return; }
    var player = window.OefenfeedH5P.players.find(function (candidate) {
      return candidate.frame.contentWindow === event.source;
    });
    if (!player || data.nonce !== player.nonce || !Object.prototype.hasOwnProperty.call(handlers, data.type)) {
      return;
    }
    handlers[data.type](player, data);
  });

  function start() {
    var containers = document.querySelectorAll(".h5p-player[data-h5p-frame-src]");
    Array.prototype.forEach.call(containers, function (container) {
      if (container.getAttribute("data-h5p-started")) { return; }
      container.setAttribute("data-h5p-started", "true");
      var stateScript = document.getElementById(container.getAttribute("data-h5p-state"));
      var player = {
        container: container,
        token: container.getAttribute("data-h5p-token"),
        nonce: container.getAttribute("data-h5p-nonce"),
        xapiUrl: container.getAttribute("data-h5p-xapi-url"),
        stateUrl: container.getAttribute("data-h5p-state-url"),
        saved: stateScript ? JSON.parse(stateScript.textContent) : null,
        initialised: false,
        started: false,
        scale: 1
      };
      var frame = document.createElement("iframe");
      // allow-scripts only: without allow-same-origin the frame has an opaque origin.
      frame.setAttribute("sandbox", "allow-scripts");
      frame.setAttribute("title", container.getAttribute("data-h5p-frame-title") || "");
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.className = "h5p-sandbox";
      player.frame = frame;
      window.OefenfeedH5P.players.push(player);
      frame.addEventListener("error", function () { status(player, "no-player"); });
      frame.src = container.getAttribute("data-h5p-frame-src");
      container.appendChild(frame);
      applyScale(player);
      watch(player);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
