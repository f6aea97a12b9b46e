// A conversation page made live: new messages appear as they are sent, the form sends over the
// WebSocket (or posts as usual when it is down), and what is shown is marked read.
(() => {
  'use strict';
  const log = document.getElementById('chat-log');
  const realtime = window.AtelierRealtime;
  if (!log || log.dataset.live !== 'true' || !realtime) return;
  const conversation = log.dataset.conversation;
  const me = log.dataset.person;
  let last = Number(log.dataset.last) || 0;
  // Sent but not acknowledged yet, by reference; kept in this tab's storage, so a reload or a
  // form posted while the connection is down loses none of them (they go again once live).
  const storageKey = 'atelier-pending-' + conversation;
  const pending = new Map();
  try { JSON.parse(sessionStorage.getItem(storageKey) || '[]').forEach(([ref, text]) => pending.set(ref, text)); } catch (_) {}
  function savePending() {
    try {
      if (pending.size) sessionStorage.setItem(storageKey, JSON.stringify(Array.from(pending.entries())));
      else sessionStorage.removeItem(storageKey);
    } catch (_) {}
  }
  function resend(ref) {
    if (pending.has(ref)) realtime.send({ type: 'send', ref, conversation, body: pending.get(ref) });
  }
  const form = document.getElementById('chat-form');
  const field = form && form.querySelector('textarea[name="body"]');
  const stateLabel = document.getElementById('connection-state');
  const changeWindow = 15 * 60 * 1000; // as ChatMessage.changeWindow
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  realtime.setResume(() => ({ [conversation]: last }));
  realtime.onState((state) => {
    // Texts sent but not acknowledged when the connection dropped go again, under the same
    // reference, once it is back: the server recognises one it already saved, so nothing is
    // lost and nothing doubled.
    if (pending.size > 0) {
      if (state === 'live') {
        pending.forEach((_, ref) => resend(ref));
        const error = form && form.querySelector('.chat-send-error');
        if (error) error.remove();
      } else {
        showError('Not confirmed yet: your message goes again as soon as the connection is back.');
      }
    }
    if (!stateLabel) return;
    stateLabel.hidden = false;
    stateLabel.dataset.state = state;
    stateLabel.textContent = {
      live: ' · Live', connecting: ' · Connecting…', reconnecting: ' · Reconnecting…',
      offline: ' · Offline: messages are sent with the page',
    }[state] || '';
  });

  function twoDigits(n) { return (n < 10 ? '0' : '') + n; }
  function when(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return '';
    return d.getUTCDate() + ' ' + months[d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ', ' +
      twoDigits(d.getUTCHours()) + ':' + twoDigits(d.getUTCMinutes()) + ' UTC';
  }

  function markRead() {
    if (document.visibilityState === 'visible' && last > 0) realtime.send({ type: 'read', conversation, sequence: last });
  }

  // The body of a message as the server rendered it, or the sign that its author deleted it.
  function fillBody(body, frame) {
    body.className = 'chat-body' + (frame.deleted ? ' chat-deleted' : '');
    if (frame.deleted) {
      const gone = document.createElement('p');
      gone.textContent = 'This message was deleted.';
      body.replaceChildren(gone);
    } else {
      // Rendered by the server's Markdown renderer, which escapes everything it does not build.
      body.innerHTML = frame.html;
    }
  }

  function markEdited(meta, frame) {
    if (frame.deleted) {
      meta.querySelectorAll('.chat-edited').forEach((node) => node.remove());
      const link = meta.querySelector('.chat-edit');
      if (link) {
        if (link.previousSibling && link.previousSibling.nodeType === Node.TEXT_NODE) link.previousSibling.remove(); // " · "
        link.remove();
      }
    } else if (frame.edited_at && !meta.querySelector('.chat-edited')) {
      const edited = document.createElement('span');
      edited.className = 'chat-edited';
      edited.textContent = ' · edited';
      meta.querySelector('time').after(edited);
    }
  }

  function append(frame) {
    const item = document.createElement('li');
    item.className = 'chat-message' + (frame.author === me ? ' mine' : '');
    item.id = 'message-' + frame.sequence;
    item.dataset.sequence = String(frame.sequence);
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    const author = document.createElement('strong');
    author.textContent = frame.author_name;
    const time = document.createElement('time');
    time.dateTime = frame.sent_at;
    time.textContent = when(frame.sent_at);
    meta.append(author, ' ', time);
    markEdited(meta, frame);
    if (frame.author === me && !frame.deleted && Date.now() - new Date(frame.sent_at) < changeWindow) {
      const edit = document.createElement('a');
      edit.className = 'chat-edit';
      edit.href = location.pathname + '/messages/' + frame.sequence + '/edit';
      edit.setAttribute('aria-label', 'Edit or delete this message');
      edit.textContent = 'Edit';
      meta.append(' · ', edit);
    }
    const body = document.createElement('div');
    fillBody(body, frame);
    item.append(meta, body);
    log.append(item);
    const empty = document.getElementById('chat-empty');
    if (empty) empty.remove();
    item.scrollIntoView({ block: 'nearest' });
  }

  // A message edited or deleted by its author, shown anew where it is.
  function change(frame) {
    const item = document.getElementById('message-' + frame.sequence);
    if (!item) return;
    const meta = item.querySelector('.chat-meta');
    if (meta) markEdited(meta, frame);
    const body = item.querySelector('.chat-body');
    if (body) fillBody(body, frame);
  }

  // "Tess is writing…" for a few seconds after each sign of it.
  const typingLine = document.getElementById('typing');
  let typingTimer = null;
  function showTyping(name) {
    if (!typingLine) return;
    typingLine.textContent = name + ' is writing…';
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingLine.textContent = ''; }, 4000);
  }
  let lastTypingSent = 0;
  function announceTyping() {
    const now = Date.now();
    if (now - lastTypingSent < 2000) return;
    lastTypingSent = now;
    realtime.send({ type: 'typing', conversation });
  }

  // "Seen" under my latest message the other person has read (private conversations only).
  function showSeen(upTo) {
    const mine = Array.from(log.querySelectorAll('.chat-message.mine'))
      .filter((item) => Number(item.dataset.sequence) <= upTo);
    const target = mine[mine.length - 1];
    if (!target || target.querySelector('.chat-receipt')) return;
    log.querySelectorAll('.chat-receipt').forEach((old) => old.remove());
    const receipt = document.createElement('p');
    receipt.className = 'chat-receipt';
    receipt.textContent = 'Seen';
    target.append(receipt);
  }

  function showError(text) {
    if (!form) return;
    let error = form.querySelector('.chat-send-error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'field-error chat-send-error';
      error.setAttribute('role', 'alert');
      form.insertBefore(error, form.querySelector('button'));
    }
    error.textContent = text;
  }

  realtime.onFrame((frame) => {
    if (frame.type === 'message' && frame.conversation === conversation) {
      if (frame.sequence <= last || document.getElementById('message-' + frame.sequence)) return;
      if (frame.sequence !== last + 1) {
        // Something before it has not arrived (a live message overtook the catch-up): ask again
        // from what is shown; the server sends the rest in order.
        realtime.send({ type: 'hello', resume: { [conversation]: last } });
        return;
      }
      append(frame);
      last = frame.sequence;
      if (typingLine && frame.author !== me) typingLine.textContent = '';
      markRead();
    } else if (frame.type === 'changed' && frame.conversation === conversation) {
      change(frame);
    } else if (frame.type === 'typing' && frame.conversation === conversation && frame.person !== me) {
      showTyping(frame.name);
    } else if (frame.type === 'read' && frame.conversation === conversation && frame.person !== me) {
      showSeen(frame.sequence);
    } else if (frame.type === 'ack' && pending.has(frame.ref)) {
      pending.delete(frame.ref);
      savePending();
    } else if (frame.type === 'error' && frame.ref && pending.has(frame.ref)) {
      if (frame.code === 'rate_limited') {
        // Too fast (several resent at once): the same again in a moment, still pending.
        setTimeout(() => resend(frame.ref), 1500);
        return;
      }
      // Refused for good (too long, no longer allowed here): the text goes back to the field.
      if (field) field.value = [field.value.trim(), pending.get(frame.ref)].filter(Boolean).join('\n\n');
      pending.delete(frame.ref);
      savePending();
      showError(frame.message);
    }
  });

  if (form && field) {
    form.addEventListener('submit', (event) => {
      const text = field.value;
      if (!text.trim()) return; // the server explains what is missing
      const ref = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      if (!realtime.send({ type: 'send', ref, conversation, body: text })) return; // posts the form instead
      event.preventDefault();
      pending.set(ref, text);
      savePending();
      field.value = '';
      const error = form.querySelector('.chat-send-error');
      if (error) error.remove();
      field.focus();
    });
    field.addEventListener('input', announceTyping);
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  document.addEventListener('visibilitychange', markRead);
  const lastItem = log.lastElementChild;
  if (lastItem) lastItem.scrollIntoView({ block: 'nearest' });
})();
