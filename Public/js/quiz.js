// Quiz attempt page. Without scripts the form works as it is: "Submit my answers" sends them all.
// 1. Each question's answer is saved as soon as it changes (a phone going to sleep, a lost
//    connection or a reload loses nothing): the question's fields are posted to data-autosave-url.
//    A failed save is retried with the next change, and "Submit" always sends everything.
// 2. With a time limit, the timer counts down; at zero the form is submitted (the server
//    enforces the limit whatever this script does).
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.quiz-form");
    if (!form) return;
    var url = form.dataset.autosaveUrl;
    var csrf = form.querySelector("input[name=_csrf]").value;
    var state = document.querySelector(".quiz-save-state");
    var pending = {};
    var timer = null;

    function fieldsOf(fieldset) {
      var data = new URLSearchParams();
      fieldset.querySelectorAll("input, select, textarea").forEach(function (field) {
        if (!field.name) return;
        if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
        data.append(field.name, field.value);
      });
      // A question answered then cleared must be cleared on the server too.
      if (!data.toString()) data.append("q" + fieldset.dataset.position, "");
      return data;
    }

    function flush() {
      timer = null;
      var positions = Object.keys(pending);
      if (positions.length === 0) return;
      var body = new URLSearchParams();
      positions.forEach(function (position) {
        fieldsOf(pending[position]).forEach(function (value, name) { body.append(name, value); });
      });
      pending = {};
      if (state) state.textContent = "Saving…";
      // keepalive: a save started as the page goes away (pagehide) still reaches the server.
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true,
                   headers: { "X-CSRF-Token": csrf, "Accept": "application/json" } })
        .then(function (response) {
          if (response.ok) { if (state) state.textContent = "All answers saved"; return; }
          return response.json().then(function (body) {
            var problem = body.error || {};
            // Submitted elsewhere or out of time: the page shows where the attempt stands.
            if (problem.code === "time_up" || problem.code === "already_submitted") { window.location.reload(); return; }
            if (state) state.textContent = problem.message || "Not saved";
          });
        })
        .catch(function () { if (state) state.textContent = "Not saved yet: check your connection"; });
    }

    // "Submit" sends every answer: a save still waiting would only arrive after it.
    form.addEventListener("submit", function () {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = {};
    });

    form.querySelectorAll("fieldset.question-fields").forEach(function (fieldset) {
      var changed = function () {
        pending[fieldset.dataset.position] = fieldset;
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, 600);
      };
      fieldset.addEventListener("change", changed);
      fieldset.addEventListener("input", changed);
    });
    window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); flush(); } });

    var clock = document.querySelector(".quiz-timer");
    if (clock) {
      var left = Number(clock.dataset.secondsLeft) || 0;
      var end = Date.now() + left * 1000;
      var tick = function () {
        var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
        clock.textContent = "Time left: " + Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
        if (seconds === 0) { form.submit(); return; }
        setTimeout(tick, 1000);
      };
      tick();
    }
  });
})();
