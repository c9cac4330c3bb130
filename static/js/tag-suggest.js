// Tag suggestions as you type: refills the tag box's <datalist> from the JSON endpoint
// named by the box's data-suggest-url, for the word after the last comma.
// Progressive enhancement: without this script the box works the same, and its
// <datalist> offers the most used tags (rendered by the server).
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch || !window.AbortController) {
    return;
  }
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var pending = null;
  var lastWord = null;

  function refresh() {
    var value = input.value;
    var cut = value.lastIndexOf(",");
    var before = cut < 0 ? "" : value.slice(0, cut + 1).trim() + " ";
    var word = value.slice(cut + 1).trim();
    if (!word || word === lastWord) {
      return;
    }
    lastWord = word;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(url + "?q=" + encodeURIComponent(word), {
      signal: pending.signal,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data || !Array.isArray(data.tags)) {
          return;
        }
        var options = data.tags.map(function (name) {
          var option = document.createElement("option");
          option.value = before + name;
          return option;
        });
        list.replaceChildren.apply(list, options);
      })
      .catch(function () {
        // Offline or aborted: the server's suggestions stay.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 150);
  });
})();
