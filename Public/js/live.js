// Live classes: the countdown moves on, the Join button turns on 10 minutes before the start
// (the server checks again), times are also shown in the reader's own zone when it differs from
// the group's, and cancelling asks first. Without this script the page says the same as of when
// it was loaded, and reloading it enables Join.
(function () {
  function countdown(target, now) {
    var minutes = Math.ceil((target - now) / 60000);
    if (minutes <= 0) return "now";
    if (minutes >= 48 * 60) return "in " + Math.round(minutes / 1440) + " days";
    if (minutes >= 60) {
      var rest = minutes % 60;
      return "in " + Math.floor(minutes / 60) + " h " + (rest < 10 ? "0" : "") + rest + " min";
    }
    return "in " + minutes + " min";
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown]").forEach(function (element) {
      element.textContent = "Starts " + countdown(Date.parse(element.dataset.countdown), now);
    });
    document.querySelectorAll("[data-join-opens]").forEach(function (link) {
      if (now < Date.parse(link.dataset.joinOpens)) return;
      link.classList.remove("button-waiting");
      link.removeAttribute("aria-disabled");
      link.removeAttribute("data-join-opens");
      link.setAttribute("aria-label", link.getAttribute("aria-label").replace(/ \(opens .*\)$/, ""));
      var hint = link.parentElement.querySelector(".join-hint");
      if (hint) hint.remove();
    });
  }

  function localTimes() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("time[data-local-time]").forEach(function (element) {
      var shown = element.textContent;
      if (!zone || shown.indexOf("(" + zone + ")") !== -1) return;
      var date = new Date(element.getAttribute("datetime"));
      var text = date.toLocaleString([], { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
      var note = document.createElement("span");
      note.className = "meta local-time";
      note.textContent = " (your time: " + text + ")";
      element.after(note);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    tick();
    // Bounded: a tab left open for a day stops updating; reloading starts again.
    var ticks = 0;
    var timer = setInterval(function () {
      tick();
      if (++ticks >= 2880) clearInterval(timer);
    }, 30000);
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  });
})();
