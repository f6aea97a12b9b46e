// The built-in room: media flows browser to browser (a full mesh of RTCPeerConnections, one per
// other person); the server only relays signalling over this page's WebSocket, to the people in
// the room. Each pair negotiates with the "perfect negotiation" pattern (one side polite, so
// offers that cross are settled), which also covers renegotiating when a track is added later
// (sharing a screen after joining without a camera). window.atelierRoom exposes the room to the
// browser tests (a canvas stream stands in for a screen where none can be captured).
(function () {
  "use strict";

  var root = document.getElementById("room");
  if (!root) return;
  var $ = function (id) { return document.getElementById(id); };
  var iceServers = [];
  try { iceServers = JSON.parse(root.dataset.iceServers || "[]"); } catch (e) { iceServers = []; }
  var isHost = root.dataset.host === "true";

  var localStream = null;     // camera and microphone, once allowed
  var screenTrack = null;     // the shared screen's track, while sharing
  var socket = null;
  var me = null;              // this tab's connection id
  var peers = {};             // connection id → { pc, polite, makingOffer, ignoreOffer, tile }
  var people = [];            // the room's participants, from the server
  var muted = false, cameraOn = true, handUp = false;
  var ended = false;          // the class ended: the socket's close is no surprise

  function status(text) { $("room-status").textContent = text; }

  // ---- Before joining: preview and devices --------------------------------------------------

  function fillDevices() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return;
    navigator.mediaDevices.enumerateDevices().then(function (devices) {
      [["camera-select", "videoinput"], ["mic-select", "audioinput"]].forEach(function (pair) {
        var select = $(pair[0]);
        select.textContent = "";
        devices.filter(function (d) { return d.kind === pair[1]; }).forEach(function (d, i) {
          var option = document.createElement("option");
          option.value = d.deviceId;
          option.textContent = d.label || (pair[1] === "videoinput" ? "Camera " : "Microphone ") + (i + 1);
          select.appendChild(option);
        });
      });
      $("device-pickers").hidden = false;
    });
  }

  function openMedia() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $("setup-status").textContent = "This browser cannot use a camera here. You can still join to watch and listen.";
      return Promise.resolve(null);
    }
    var camera = $("camera-select").value, mic = $("mic-select").value;
    var constraints = {
      video: camera ? { deviceId: { exact: camera } } : true,
      audio: mic ? { deviceId: { exact: mic } } : true,
    };
    return navigator.mediaDevices.getUserMedia(constraints).then(function (stream) {
      if (localStream) localStream.getTracks().forEach(function (t) { t.stop(); });
      localStream = stream;
      $("preview").srcObject = stream;
      $("setup-status").textContent = "Your camera and microphone are on. Join when you are ready.";
      fillDevices();
      return stream;
    }).catch(function () {
      $("setup-status").textContent = "No camera or microphone could be used (refused, or none). You can still join to watch and listen.";
      return null;
    });
  }

  $("allow-media").addEventListener("click", openMedia);
  $("camera-select").addEventListener("change", openMedia);
  $("mic-select").addEventListener("change", openMedia);

  // ---- The tiles ----------------------------------------------------------------------------

  function tileFor(id, name) {
    var tile = document.querySelector('.video-tile[data-connection="' + id + '"]');
    if (tile) return tile;
    tile = document.createElement("figure");
    tile.className = "video-tile";
    tile.dataset.connection = id;
    var video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    if (id === me) video.muted = true;
    var caption = document.createElement("figcaption");
    var label = document.createElement("span");
    label.className = "tile-name";
    label.textContent = name + (id === me ? " (you)" : "");
    var flags = document.createElement("span");
    flags.className = "tile-flags";
    caption.appendChild(label);
    caption.appendChild(flags);
    tile.appendChild(video);
    tile.appendChild(caption);
    $("grid").appendChild(tile);
    return tile;
  }

  function render() {
    var ids = {};
    people.forEach(function (p) {
      ids[p.connection] = true;
      var tile = tileFor(p.connection, p.name);
      tile.querySelector(".tile-flags").textContent =
        (p.muted ? " · muted" : "") + (p.camera ? "" : " · camera off") + (p.hand ? " · ✋ hand raised" : "") + (p.host ? " · host" : "");
      tile.classList.toggle("hand-raised", !!p.hand);
      var actions = tile.querySelector(".tile-actions");
      if (isHost && p.connection !== me) {
        if (!actions) {
          actions = document.createElement("span");
          actions.className = "tile-actions";
          tile.querySelector("figcaption").appendChild(actions);
        }
        actions.textContent = "";
        if (!p.muted) actions.appendChild(hostButton("Mute " + p.name, "mute", p.person));
        if (p.hand) actions.appendChild(hostButton("Lower the hand of " + p.name, "lower-hand", p.person));
      }
      if (p.connection === me) {
        muted = p.muted; handUp = p.hand;
        if (localStream) localStream.getAudioTracks().forEach(function (t) { t.enabled = !muted; });
        syncButtons();
      }
    });
    document.querySelectorAll(".video-tile").forEach(function (tile) {
      if (!ids[tile.dataset.connection]) tile.remove();
    });
    Object.keys(peers).forEach(function (id) { if (!ids[id]) closePeer(id); });
  }

  function hostButton(label, action, person) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = label;
    button.addEventListener("click", function () { send({ type: "action", action: action, target: person }); });
    return button;
  }

  function syncButtons() {
    $("toggle-mic").textContent = muted ? "Unmute" : "Mute";
    $("toggle-mic").setAttribute("aria-pressed", muted ? "true" : "false");
    $("toggle-camera").textContent = cameraOn ? "Camera off" : "Camera on";
    $("toggle-camera").setAttribute("aria-pressed", cameraOn ? "false" : "true");
    $("raise-hand").textContent = handUp ? "Lower my hand" : "Raise my hand";
    $("raise-hand").setAttribute("aria-pressed", handUp ? "true" : "false");
    $("share-screen").textContent = screenTrack ? "Stop sharing" : "Share my screen";
    $("share-screen").setAttribute("aria-pressed", screenTrack ? "true" : "false");
  }

  // ---- Peers --------------------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function outgoingVideo() {
    if (screenTrack) return screenTrack;
    return localStream ? localStream.getVideoTracks()[0] || null : null;
  }

  /// Sends this tab's microphone and video on a connection: on the offered transceivers when
  /// answering (addTrack reuses them), on new ones when calling; with nothing to send, it
  /// still asks to receive both.
  function addLocalTracks(pc, calling) {
    var audio = localStream ? localStream.getAudioTracks()[0] : null;
    var video = outgoingVideo();
    if (audio) pc.addTrack(audio, localStream);
    else if (calling) pc.addTransceiver("audio", { direction: "recvonly" });
    if (video) pc.addTrack(video, localStream || new MediaStream([video]));
    else if (calling) pc.addTransceiver("video", { direction: "recvonly" });
  }

  /// The connection to another tab; `calling` when this tab makes the first offer (the newcomer).
  function peer(id, calling) {
    if (peers[id]) return peers[id];
    var pc = new RTCPeerConnection({ iceServers: iceServers });
    var entry = { pc: pc, polite: me < id, makingOffer: false, ignoreOffer: false, fresh: !calling };
    peers[id] = entry;
    if (calling) addLocalTracks(pc, true);
    pc.onnegotiationneeded = function () {
      entry.makingOffer = true;
      pc.setLocalDescription().then(function () {
        send({ type: "signal", to: id, data: { description: pc.localDescription } });
      }).catch(function () { /* a later negotiation tries again */ }).finally(function () { entry.makingOffer = false; });
    };
    pc.onicecandidate = function (event) {
      if (event.candidate) send({ type: "signal", to: id, data: { candidate: event.candidate } });
    };
    pc.ontrack = function (event) {
      var person = people.filter(function (p) { return p.connection === id; })[0];
      var video = tileFor(id, person ? person.name : "Someone").querySelector("video");
      var stream = event.streams[0] || new MediaStream([event.track]);
      if (video.srcObject !== stream) video.srcObject = stream;
    };
    return entry;
  }

  function closePeer(id) {
    if (!peers[id]) return;
    peers[id].pc.close();
    delete peers[id];
  }

  function onSignal(from, data) {
    var entry = peer(from, false), pc = entry.pc;
    if (data.description) {
      var description = data.description;
      // An answer being applied leaves the connection stable once done: an offer then is no collision.
      var ready = !entry.makingOffer && (pc.signalingState === "stable" || entry.settingAnswer);
      var collision = description.type === "offer" && !ready;
      entry.ignoreOffer = !entry.polite && collision;
      if (entry.ignoreOffer) return;
      entry.settingAnswer = description.type === "answer";
      pc.setRemoteDescription(description).then(function () {
        entry.settingAnswer = false;
        if (description.type !== "offer") return;
        if (entry.fresh) { entry.fresh = false; addLocalTracks(pc, false); }
        return pc.setLocalDescription().then(function () {
          send({ type: "signal", to: from, data: { description: pc.localDescription } });
        });
      }).catch(function () { /* the next offer settles it */ });
    } else if (data.candidate) {
      pc.addIceCandidate(data.candidate).catch(function () { if (!entry.ignoreOffer) { /* late candidate */ } });
    }
  }

  /// Replaces the outgoing video in every connection: on the sender already sending video (no
  /// renegotiation needed), else on the video transceiver that only received, now sending
  /// (which renegotiates), else on a new one.
  function setOutgoingVideo(track) {
    Object.keys(peers).forEach(function (id) {
      var pc = peers[id].pc;
      var transceiver = pc.getTransceivers().filter(function (t) {
        return t.receiver.track && t.receiver.track.kind === "video" && !t.stopped;
      })[0];
      if (transceiver && transceiver.sender.track) {
        transceiver.sender.replaceTrack(track);
      } else if (transceiver && track) {
        transceiver.sender.replaceTrack(track).then(function () {
          transceiver.direction = "sendrecv";
        });
      } else if (track) {
        pc.addTrack(track, new MediaStream([track]));
      }
    });
    var mine = document.querySelector('.video-tile[data-connection="' + me + '"] video');
    if (mine) mine.srcObject = track ? new MediaStream([track]) : localStream;
  }

  function share(stream) {
    var track = stream.getVideoTracks()[0];
    if (!track) return;
    screenTrack = track;
    track.onended = stopSharing;
    setOutgoingVideo(track);
    syncButtons();
  }

  function stopSharing() {
    if (!screenTrack) return;
    screenTrack.onended = null;
    screenTrack.stop();
    screenTrack = null;
    setOutgoingVideo(localStream ? localStream.getVideoTracks()[0] || null : null);
    syncButtons();
  }

  // ---- The socket ---------------------------------------------------------------------------

  function join() {
    $("join").disabled = true;
    muted = $("join-muted").checked;
    if (localStream) localStream.getAudioTracks().forEach(function (t) { t.enabled = !muted; });
    cameraOn = !!(localStream && localStream.getVideoTracks().length);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.signalUrl);
    socket.onopen = function () { send({ type: "join", muted: muted, camera: cameraOn }); };
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      switch (frame.type) {
        case "welcome":
          me = frame.you;
          people = frame.participants;
          $("room-setup").hidden = true;
          $("room-live").hidden = false;
          var self = people.filter(function (p) { return p.connection === me; })[0];
          var mine = tileFor(me, self ? self.name : "You").querySelector("video");
          if (localStream) mine.srcObject = localStream;
          render();
          // The newcomer calls everyone already in; they answer.
          people.forEach(function (p) { if (p.connection !== me) peer(p.connection, true); });
          status("You are in the class.");
          syncButtons();
          break;
        case "state":
          people = frame.participants;
          render();
          break;
        case "signal":
          onSignal(frame.from, frame.data);
          break;
        case "chat":
          var line = document.createElement("li");
          var who = document.createElement("strong");
          who.textContent = frame.name + ": ";
          line.appendChild(who);
          line.appendChild(document.createTextNode(frame.text));
          $("chat-log").appendChild(line);
          break;
        case "refused":
          status(frame.reason);
          if (frame.code === "full" && root.dataset.fallback) {
            var link = document.createElement("a");
            link.href = root.dataset.fallback;
            link.textContent = " Join on the company's meeting server instead.";
            $("room-status").appendChild(link);
          }
          if (!me) $("join").disabled = false;
          break;
        case "ended":
          ended = true;
          status("The class has ended. Thank you for coming.");
          leave(false);
          break;
        case "error":
          status(frame.message || "The connection was closed.");
          break;
      }
    };
    socket.onclose = function () {
      var over = ended;
      Object.keys(peers).forEach(closePeer);
      if (over) return;
      // Out, whatever the reason (the network, another tab, the server): say so, stop the camera,
      // and offer to come back in.
      if (localStream) localStream.getTracks().forEach(function (t) { t.stop(); });
      $("room-live").hidden = true;
      status(me ? "You are out of the room: the connection closed. " : ($("room-status").textContent || "The room could not be reached. "));
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button-small";
      again.textContent = "Join again";
      again.addEventListener("click", function () { location.reload(); });
      $("room-status").appendChild(again);
    };
  }

  function leave(byMe) {
    Object.keys(peers).forEach(closePeer);
    if (socket) socket.close();
    if (localStream) localStream.getTracks().forEach(function (t) { t.stop(); });
    if (screenTrack) screenTrack.stop();
    $("room-live").hidden = true;
    if (byMe) location.href = root.dataset.pageUrl;
  }

  $("join").addEventListener("click", join);
  $("toggle-mic").addEventListener("click", function () {
    send({ type: "action", action: muted ? "unmute" : "mute" });
  });
  $("toggle-camera").addEventListener("click", function () {
    cameraOn = !cameraOn;
    if (localStream) localStream.getVideoTracks().forEach(function (t) { t.enabled = cameraOn; });
    send({ type: "action", action: cameraOn ? "camera-on" : "camera-off" });
    syncButtons();
  });
  $("raise-hand").addEventListener("click", function () {
    send({ type: "action", action: handUp ? "lower-hand" : "raise-hand" });
  });
  $("share-screen").addEventListener("click", function () {
    if (screenTrack) { stopSharing(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) { status("This browser cannot share a screen."); return; }
    navigator.mediaDevices.getDisplayMedia({ video: true }).then(share).catch(function () {
      status("The screen was not shared.");
    });
  });
  $("leave").addEventListener("click", function () { ended = true; leave(true); });
  if ($("end")) $("end").addEventListener("click", function () {
    if (window.confirm("End the class for everyone? Nobody can join it again.")) send({ type: "action", action: "end" });
  });
  $("chat-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("chat-text").value.trim();
    if (!text) return;
    send({ type: "chat", text: text });
    $("chat-text").value = "";
  });

  window.atelierRoom = {
    share: share,
    stopSharing: stopSharing,
    people: function () { return people; },
    me: function () { return me; },
    peers: function () { return peers; },
  };
})();
