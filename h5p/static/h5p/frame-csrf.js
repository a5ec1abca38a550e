/* Runs inside the player's iframe: H5P core saves state with jQuery POSTs, which Django's CSRF check needs
   to recognise. Add the CSRF cookie as header to every same-origin request that changes data. */
(function () {
  "use strict";
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  if (window.H5P && window.H5P.jQuery) {
    window.H5P.jQuery.ajaxPrefilter(function (options, original, xhr) {
      if (!options.crossDomain && !/^(GET|HEAD|OPTIONS)$/i.test(options.type)) {
        xhr.setRequestHeader("X-CSRFToken", csrfToken());
      }
    });
  }
})();
