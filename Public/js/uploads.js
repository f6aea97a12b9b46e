// Lesson editor uploads. Without this script each upload form posts and the page reloads.
// With it:
// 1. the file is sent in the background (XMLHttpRequest, for a progress bar: a video takes a
//    while), with the CSRF token as a header, and a file over the limit is refused before sending;
// 2. an uploaded image's Markdown is listed with an "Insert in the text" button that puts it
//    at the cursor, so the text being written is never lost to a reload;
// 3. a new video or attachment is shown in its place at once.
// Every word shown comes from the page (data-text-*) or from the server's answer.
(function () {
  function insertAtCursor(area, text) {
    var start = area.selectionStart, end = area.selectionEnd;
    var before = area.value.slice(0, start), after = area.value.slice(end);
    var block = (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "") + text + "\n\n";
    area.value = before + block + after;
    area.selectionStart = area.selectionEnd = before.length + block.length;
    // The live preview follows the input event.
    area.dispatchEvent(new Event("input"));
    area.focus();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("section.uploads");
    var area = document.getElementById("markdown");
    if (!root || !area) return;
    var texts = root.dataset;
    root.querySelectorAll(".upload-reload-hint").forEach(function (hint) { hint.hidden = true; });

    function wireInsert(button) {
      button.hidden = false;
      button.addEventListener("click", function () { insertAtCursor(area, button.dataset.insert); });
    }
    root.querySelectorAll(".insert-button").forEach(wireInsert);

    function show(form, upload) {
      if (upload.kind === "image") {
        var item = element("li");
        item.appendChild(element("img", { src: upload.url, alt: "", class: "upload-thumb" }));
        item.appendChild(element("code", { class: "markdown-snippet" }, upload.markdown));
        var button = element("button", { type: "button", class: "button-secondary insert-button", "data-insert": upload.markdown },
                             texts.textInsert);
        item.appendChild(button);
        wireInsert(button);
        root.querySelector(".image-list").prepend(item);
      } else if (upload.kind === "video") {
        var current = root.querySelector("#uploads-video .upload-current");
        current.textContent = "";
        current.appendChild(element("a", { href: upload.url }, upload.filename));
        current.appendChild(document.createTextNode(" (" + upload.size_text + ")"));
      } else {
        var empty = root.querySelector("#uploads-attachment .upload-current");
        if (empty) empty.hidden = true;
        var row = element("li");
        row.appendChild(element("a", { href: upload.url }, upload.filename));
        row.appendChild(element("span", { class: "meta" }, " " + upload.size_text + " "));
        if (upload.remove_url) {
          var remove = element("form", { method: "post", action: upload.remove_url, class: "inline-form" });
          remove.appendChild(element("input", { type: "hidden", name: "_csrf", value: form.querySelector("input[name=_csrf]").value }));
          remove.appendChild(element("button", { type: "submit", class: "button-link", "aria-label": texts.textRemove + " " + upload.filename },
                                     texts.textRemove));
          row.appendChild(remove);
        }
        root.querySelector(".attachment-list").appendChild(row);
      }
    }

    root.querySelectorAll("form.upload-form").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      var status = form.querySelector(".upload-status");
      var bar = form.querySelector(".upload-progress");
      var submit = form.querySelector("button[type=submit]");
      function fail(message) {
        status.textContent = message;
        status.classList.add("field-error");
        input.setAttribute("aria-invalid", "true");
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var file = input.files[0];
        status.classList.remove("field-error");
        input.removeAttribute("aria-invalid");
        if (!file) return fail(texts.textChoose);
        if (file.size > Number(form.dataset.maxBytes)) return fail(form.dataset.tooLarge);
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("X-CSRF-Token", form.querySelector("input[name=_csrf]").value);
        request.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) { bar.hidden = false; bar.value = Math.round(e.loaded * 100 / e.total); }
        });
        request.addEventListener("load", function () {
          bar.hidden = true;
          submit.disabled = false;
          var answer = null;
          try { answer = JSON.parse(request.responseText); } catch (e) { /* an error page */ }
          if (request.status === 201 && answer) {
            show(form, answer);
            form.reset();
            status.textContent = answer.message || "";
          } else {
            fail(answer && answer.error ? answer.error.message : texts.textFailed);
          }
        });
        request.addEventListener("error", function () { bar.hidden = true; submit.disabled = false; fail(texts.textOffline); });
        submit.disabled = true;
        status.textContent = texts.textUploading;
        request.send(new FormData(form));
      });
    });
  });
})();
