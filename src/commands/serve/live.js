// jobsite preview: reloads the page after each rebuild, and swaps stylesheets when only CSS changed.
(function () {
  "use strict";
  var me = document.currentScript;
  var since = me ? me.getAttribute("data-generation") : "0";
  var source = new EventSource("/__jobsite/events?since=" + encodeURIComponent(since || "0"));
  source.onmessage = function (event) {
    if (event.data === "styles") {
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var url = new URL(links[i].href, location.href);
        url.searchParams.set("jobsite-reload", String(Date.now()));
        links[i].href = url.toString();
      }
    } else {
      location.reload();
    }
  };
})();
