/* Loaded by h5p-standalone inside the sandboxed frame, after the H5P core and before it starts the content.
   The frame has no cookies and no CSRF token, so H5P core's saved-state requests (jQuery AJAX to
   contentUserDataUrl) are answered through the parent page instead of the network; xAPI statements go
   up the same way (see frame.js). */
(function () {
  "use strict";
  var H5P = window.H5P;
  var relay = window.OefenfeedFrame;
  if (!H5P || !H5P.jQuery || !relay) { return; }
  var STATE_URL = /\/h5p\/frame\/relay\/([^/]+)\/([^/]+)\/$/;

  H5P.jQuery.ajaxTransport("+*", function (options) {
    var match = STATE_URL.exec(String(options.url || "").split("?")[0]);
    if (!match) { return undefined; }
    var cancel = null;
    return {
      send: function (headers, complete) {
        var request = {
          method: String(options.type || "GET").toUpperCase() === "POST" ? "POST" : "GET",
          dataType: decodeURIComponent(match[1]),
          subContentId: decodeURIComponent(match[2])
        };
        if (request.method === "POST") {
          var form = new URLSearchParams(typeof options.data === "string" ? options.data : "");
          request.data = form.get("data");
          request.preload = form.get("preload") === "1";
          request.invalidate = form.get("invalidate") === "1";
        }
        cancel = relay.request(request, function (ok, body) {
          if (ok) {
            complete(200, "success", { text: JSON.stringify(body || { success: true }) });
          } else {
            complete(500, "error", { text: JSON.stringify(body || { success: false }) });
          }
        });
      },
      abort: function () { if (cancel) { cancel(); } }
    };
  });

  if (H5P.externalDispatcher) {
    H5P.externalDispatcher.on("xAPI", function (event) {
      if (event && event.data && event.data.statement) { relay.xapi(event.data.statement); }
    });
  }
})();
