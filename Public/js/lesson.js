// Lesson page helpers. Both degrade to plain links and forms without scripts.
// 1. A video placeholder becomes the player only when the learner clicks it, so nothing is
//    requested from YouTube or Vimeo before they ask.
// 2. While the tab is visible, a heartbeat every 30 seconds records the time spent; the server
//    bounds what each one may add.
// 3. An uploaded video with a data-done-url marks the lesson done, once, when the share of it
//    actually played (seeking past a part does not count it) reaches data-done-share (90 %).
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

    document.querySelectorAll("video[data-done-url]").forEach(function (video) {
      var doneURL = video.dataset.doneUrl;
      var article = video.closest("article");
      if (!doneURL || !article) return;
      var share = Number(video.dataset.doneShare) || 0.9;
      var sent = false;
      video.addEventListener("timeupdate", function () {
        if (sent || !(video.duration > 0) || !isFinite(video.duration)) return;
        var played = 0;
        for (var i = 0; i < video.played.length; i++) played += video.played.end(i) - video.played.start(i);
        if (played < video.duration * share) return;
        sent = true;
        var body = new URLSearchParams({ done: "true", _csrf: article.dataset.csrf });
        // The route answers a form with a redirect to the next lesson: not followed, the learner stays.
        fetch(doneURL, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
          .then(function (response) {
            if (response.type !== "opaqueredirect" && !response.ok) { sent = false; return; }
            var form = document.querySelector("form.done-form");
            var note = document.createElement("p");
            note.className = "done-note";
            note.setAttribute("role", "status");
            note.textContent = video.dataset.doneText;
            // The box stays where the button was, now saying what happened.
            if (form) form.replaceChildren(note);
          })
          .catch(function () { sent = false; });
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
