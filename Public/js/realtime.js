// The one WebSocket of this tab (/ws): connects, reconnects with backoff, says what the page has
// seen so the server sends what was missed, and keeps the navigation's unread counts (messages,
// notifications) current.
// Pages use window.AtelierRealtime: onFrame(fn), onState(fn), send(frame), setResume(fn).
(() => {
  'use strict';
  if (!('WebSocket' in window)) return;
  const frameListeners = new Set();
  const stateListeners = new Set();
  let socket = null;
  let attempt = 0;
  let state = 'connecting';
  let me = null;
  let resume = () => ({});
  let unread = 0;
  let notifications = 0;

  function showCount(id, count) {
    const badge = document.getElementById(id);
    const text = document.getElementById(id + '-text');
    if (!badge) return;
    badge.hidden = count <= 0;
    badge.textContent = count > 99 ? '99+' : String(count);
    if (text) text.textContent = count > 0 ? count + ' unread' : '';
  }
  const showUnread = () => showCount('nav-unread', unread);
  const showNotifications = () => showCount('nav-notifications', notifications);

  function setState(next) {
    state = next;
    stateListeners.forEach((listener) => listener(state));
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(Object.assign({ v: 1 }, frame)));
    return true;
  }

  function connect() {
    setState(attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws');
    socket.addEventListener('open', () => {
      attempt = 0;
      // The catch-up first, then whatever the page sends on hearing it is live.
      send({ type: 'hello', resume: resume() });
      setState('live');
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (_) { return; }
      if (frame.type === 'welcome') {
        me = frame.person;
        unread = Number(frame.unread) || 0;
        notifications = Number(frame.notifications) || 0;
        showUnread();
        showNotifications();
      } else if (frame.type === 'presence') {
        // "online" next to the person, wherever the page names them.
        document.querySelectorAll('[data-presence="' + frame.person + '"]').forEach((marker) => { marker.hidden = !frame.online; });
      } else if (frame.type === 'notifications') {
        notifications = Number(frame.unread) || 0;
        showNotifications();
      } else if (frame.type === 'message' && frame.author !== me) {
        const open = document.getElementById('chat-log');
        if (!open || open.dataset.conversation !== frame.conversation) { unread += 1; showUnread(); }
      }
      frameListeners.forEach((listener) => listener(frame));
    });
    socket.addEventListener('close', () => {
      socket = null;
      setState('offline');
      // 1 s, 2 s, 4 s … up to 30 s, with jitter so a restarted server is not hit all at once.
      const delay = Math.min(30000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt = Math.min(attempt + 1, 10);
      setTimeout(connect, delay);
    });
  }

  window.AtelierRealtime = {
    onFrame: (listener) => frameListeners.add(listener),
    onState: (listener) => { stateListeners.add(listener); listener(state); },
    send,
    // A page that registers after the socket opened asks for its catch-up at once.
    setResume: (provider) => {
      resume = provider;
      send({ type: 'hello', resume: resume() });
    },
  };
  connect();
})();
