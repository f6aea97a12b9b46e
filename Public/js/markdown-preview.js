// Live preview of Markdown being written: after a pause in typing, the text goes to the server's
// renderer (the same one that renders it when saved, which sanitizes it) and the answer replaces
// the preview. Without this script, the form's Preview button does the same with a full page.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-preview-target]").forEach(function (area) {
      var target = document.getElementById(area.dataset.previewTarget);
      var url = area.dataset.previewUrl;
      var csrf = area.form && area.form.querySelector("input[name=_csrf]");
      if (!target || !url || !csrf) return;
      var button = area.form.querySelector(".preview-button");
      if (button) button.hidden = true;
      var timer = null;
      var latest = 0;
      area.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var request = ++latest;
          var body = new URLSearchParams({ markdown: area.value, _csrf: csrf.value });
          fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
              // Answers can arrive out of order; only the newest one is shown.
              if (data && request === latest) target.innerHTML = data.html;
            })
            .catch(function () { /* the saved preview stays; saving still works */ });
        }, 300);
      });
    });
  });
})();
