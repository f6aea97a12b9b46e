// A forum page made live through the tab's WebSocket: an open thread shows new posts as they
// come (a reload shows the rest if any were missed), and the lists count them as unread.
(() => {
  'use strict';
  const realtime = window.AtelierRealtime;
  if (!realtime) return;
  const thread = document.getElementById('post-list');
  // -1: an earlier page of the thread, where new posts do not belong.
  let last = thread ? Number(thread.dataset.last) || 0 : 0;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n) => (n < 10 ? '0' : '') + n;
  function when(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return '';
    return d.getUTCDate() + ' ' + months[d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ', ' +
      two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ' UTC';
  }

  function append(frame) {
    const item = document.createElement('li');
    item.className = 'card post';
    item.id = 'post-' + frame.number;
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    const author = document.createElement('strong');
    author.textContent = frame.author_name;
    const time = document.createElement('time');
    time.dateTime = frame.created_at;
    time.textContent = when(frame.created_at);
    meta.append(author, ' ', time);
    const body = document.createElement('div');
    body.className = 'chat-body';
    // Rendered by the server's Markdown renderer, which escapes everything it does not build.
    body.innerHTML = frame.html;
    const actions = document.createElement('div');
    actions.className = 'post-actions';
    if (document.getElementById('reply')) {
      const reply = document.createElement('a');
      reply.href = location.pathname + '?reply_to=' + frame.number + '#reply';
      reply.textContent = 'Reply';
      actions.append(reply);
    }
    item.append(meta, body, actions);
    thread.append(item);
  }

  // A link to reload, once, where something arrived that this page cannot show by itself.
  function missed(text, anchor, position, href) {
    if (document.getElementById('forum-missed')) return;
    const note = document.createElement('p');
    note.id = 'forum-missed';
    note.className = 'meta';
    const link = document.createElement('a');
    link.href = href || location.pathname + location.search;
    link.textContent = text;
    note.append(link);
    anchor.insertAdjacentElement(position, note);
  }

  // Shown on this page: read, so the bell does not announce it too.
  function markRead(number) {
    const csrf = document.querySelector('input[name=_csrf]');
    if (!thread.dataset.read || !csrf) return;
    const body = new URLSearchParams({ number: String(number), _csrf: csrf.value });
    fetch(thread.dataset.read, { method: 'POST', body: body, credentials: 'same-origin' }).catch(() => { /* a reload marks it */ });
  }

  function bump(selector) {
    const row = document.querySelector(selector);
    const badge = row && row.querySelector('.badge');
    if (!badge) return;
    const count = (Number(badge.textContent) || 0) + 1;
    badge.textContent = String(count);
    badge.setAttribute('aria-label', count + ' unread');
    badge.hidden = false;
    row.classList.add('unread');
  }

  realtime.onFrame((frame) => {
    if (frame.type !== 'forum_post') return;
    if (thread && frame.thread === thread.dataset.thread) {
      if (frame.number <= last) return;
      if (last >= 0 && frame.number === last + 1) {
        append(frame);
        last = frame.number;
        markRead(frame.number);
      } else {
        // An earlier page links to the last one (a page past the end shows the last).
        missed(last < 0 ? 'New posts on the last page' : 'New posts: reload the thread', thread, 'afterend',
          last < 0 ? location.pathname + '?page=' + 1e6 : undefined);
      }
      return;
    }
    // A new thread of the space shown here: not in the list yet, so say so.
    const list = document.querySelector('.thread-list, #new-thread');
    if (frame.number === 1 && list && location.pathname.endsWith('/spaces/' + frame.space)) missed('New thread: reload the list', list, 'beforebegin');
    bump('[data-thread="' + frame.thread + '"]');
    bump('[data-space="' + frame.space + '"]');
  });
})();
