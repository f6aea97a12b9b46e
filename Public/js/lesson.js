// Lesson page helpers. Both degrade to plain links and forms without scripts.
// 1. A video placeholder becomes the player only when the learner clicks it, so nothing is
//    requested from YouTube or Vimeo before they ask.
// 2. While the tab is visible, a heartbeat every 30 seconds records the time spent; the server
//    bounds what each one may add.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure[data-embed-url]").forEach(function (figure) {
      var link = figure.querySelector("a");
      if (!link) return;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var frame = document.createElement("iframe");
        frame.src = figure.dataset.embedUrl + (figure.dataset.embedUrl.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
        frame.title = figure.dataset.embedTitle;
        frame.allow = "autoplay; fullscreen; picture-in-picture";
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        figure.replaceChild(frame, link);
      });
    });

    var lesson = document.querySelector("article[data-heartbeat-url]");
    var url = lesson && lesson.dataset.heartbeatUrl;
    if (!url) return;
    var period = 30;
    var beats = 0;
    // Bounded: a lesson left open all day stops reporting after four hours.
    var timer = setInterval(function () {
      if (document.visibilityState !== "visible") return;
      if (++beats > 480) { clearInterval(timer); return; }
      var body = new URLSearchParams({ seconds: String(period), _csrf: lesson.dataset.csrf });
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .catch(function () { /* offline: this half-minute is simply not counted */ });
    }, period * 1000);
  });
})();
