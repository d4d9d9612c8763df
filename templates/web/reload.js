// Live reload for `--serve`: the preview server adds this to the pages it serves; it is never part of the
// web edition. It asks the server for the edition's version and reloads the page when a rebuild changed it.
(function () {
  var seen = null;
  function poll() {
    fetch("/__version", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (version) {
        if (seen !== null && version !== seen) { location.reload(); return; }
        seen = version;
        setTimeout(poll, 700);
      }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();
