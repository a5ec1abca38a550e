/* Runs inside the sandboxed player frame (opaque origin, no cookies). Says "ready" to the parent page,
   waits for "init" with the saved state, starts h5p-standalone in this document, and reports xAPI
   statements, its height, and (through frame-relay.js) saved state up to the parent by postMessage.
   On "relayout" (the player came into sight or changed width) it resizes the H5P content and reports its
   height again. It accepts messages only from its parent window, from the parent's origin, with this
   play's nonce.

   xAPI statements go up only after the pupil's first own input in this frame: content types that restore
   a finished state (previousState) send "answered"/"completed" again while they start, and a reload must
   not count as a new attempt. */
(function () {
  "use strict";
  var CHANNEL = "oefenfeed-h5p";
  var config = JSON.parse(document.getElementById("h5p-frame-config").textContent);
  var parentWindow = window.parent;
  var pending = {};
  var nextId = 1;
  var started = false;
  var running = false;
  var userActed = false;
  // Every way a pupil can act: pointer, touch, keyboard, and the click, input or change events that screen
  // readers and switch access send without a pointer or key event before them.
  var INPUT_EVENTS = ["pointerdown", "mousedown", "touchstart", "keydown", "click", "input", "change"];

  // Capture phase on the window: this runs before any handler of the content, so the statements that the
  // first input itself causes are already let through. Only trusted events (made by the browser for a
  // real input) count; content code cannot open the gate with dispatchEvent.
  function noticeInput(event) {
    if (!event.isTrusted) { return; }
    userActed = true;
    INPUT_EVENTS.forEach(function (type) { window.removeEventListener(type, noticeInput, true); });
  }
  INPUT_EVENTS.forEach(function (type) { window.addEventListener(type, noticeInput, true); });

  // Without allow-same-origin even reading window.localStorage throws, and H5P core reads it (request
  // queue, clipboard). Give this document a storage that lives as long as the frame.
  function memoryStorage() {
    var items = {};
    return {
      get length() { return Object.keys(items).length; },
      key: function (index) { return Object.keys(items)[index] || null; },
      getItem: function (name) { return Object.prototype.hasOwnProperty.call(items, name) ? items[name] : null; },
      setItem: function (name, value) { items[name] = String(value); },
      removeItem: function (name) { delete items[name]; },
      clear: function () { items = {}; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name]) { return; }
    } catch (error) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });

  function send(type, data) {
    if (parentWindow === window) { return; }
    var message = Object.assign({}, data || {}, { channel: CHANNEL, nonce: config.nonce, type: type });
    parentWindow.postMessage(message, config.parentOrigin);
  }

  // Used by frame-relay.js for H5P core's saved-state requests.
  window.OefenfeedFrame = {
    request: function (data, done) {
      var id = nextId++;
      pending[id] = done;
      send("userdata", Object.assign({}, data, { id: id }));
      return function cancel() { delete pending[id]; };
    },
    xapi: function (statement) {
      if (userActed) { send("xapi", { statement: statement }); }
    }
  };

  function reportHeight() {
    var root = document.getElementById("h5p-frame-player");
    send("resize", { height: Math.max(root.scrollHeight, root.getBoundingClientRect().height) + 2 });
  }

  // H5P core resizes its content on the window's resize only when it is not framed; in a frame it waits for
  // h5p-resizer.js, which the parent page does not run. So this document resizes the instances itself when
  // its width changes (its height is ours to set) and when the parent asks.
  function relayout() {
    var H5P = window.H5P;
    if (!running || !H5P || !Array.isArray(H5P.instances)) { return; }
    H5P.instances.forEach(function (instance) {
      try {
        H5P.trigger(instance, "resize");
      } catch (error) {
        window.console.error("H5P resize:", error); // one content's error must not keep the others small
      }
    });
    reportHeight();
  }

  var lastWidth = window.innerWidth;
  window.addEventListener("resize", function () {
    if (window.innerWidth === lastWidth) { return; }
    lastWidth = window.innerWidth;
    relayout();
  });

  async function startPlayer(contentUserData) {
    if (started) { return; }
    started = true;
    var options = Object.assign({}, config.options);
    if (Array.isArray(contentUserData)) { options.contentUserData = contentUserData; }
    var root = document.getElementById("h5p-frame-player");
    try {
      await new window.H5PStandalone.H5P(root, options);
    } catch (error) {
      window.console.error("H5P:", error);
      send("failed");
      return;
    }
    running = true;
    if (window.ResizeObserver) {
      new window.ResizeObserver(reportHeight).observe(root);
    }
    reportHeight();
    send("started");
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== parentWindow || event.origin !== config.parentOrigin) { return; }
    if (!data || typeof data !== "object" || data.channel !== CHANNEL || data.nonce !== config.nonce) { return; }
    if (data.type === "init") {
      startPlayer(data.contentUserData);
    } else if (data.type === "relayout") {
      relayout();
    } else if (data.type === "userdata-result" && pending[data.id]) {
      var done = pending[data.id];
      delete pending[data.id];
      done(data.ok, data.body);
    }
  });

  if (parentWindow === window) {
    // Opened on its own: nothing to report to, so do not start (scores would go nowhere).
    return;
  }
  send("ready");
})();
