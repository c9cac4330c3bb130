// The import job page: poll the job's JSON endpoint and update the progress;
// reload once when the job stops, to show its summary and failures.
(function () {
  "use strict";
  var job = document.getElementById("job");
  if (!job || job.dataset.active !== "true") return;
  var url = job.dataset.progressUrl;
  function set(name, value) {
    var element = job.querySelector('[data-field="' + name + '"]');
    if (!element) return;
    if (element.tagName === "PROGRESS") element.value = value;
    else element.textContent = value;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return setTimeout(poll, 5000);
        set("status_label", data.status_label);
        set("percent", data.percent);
        set("done", data.status === "previewing" ? data.previewed : data.done);
        if (data.active) setTimeout(poll, 1500);
        else window.location.reload();
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
