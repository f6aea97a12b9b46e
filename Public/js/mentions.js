// @mention autocomplete in a post being written: after "@" and a letter or two, the cohort's people
// whose name starts so are offered in a list (arrows and Enter, or a tap); the chosen name is
// written out in full, which is what makes the mention. Without this script, typing the name works.
(() => {
  'use strict';
  const before = /(?:^|[\s(])@([\p{L}\p{N}][\p{L}\p{N}'’-]*(?: [\p{L}\p{N}'’-]*)?)$/u;

  function attach(area) {
    const url = area.dataset.mentionsUrl;
    const list = document.createElement('ul');
    list.className = 'mention-list';
    list.id = area.id + '-mentions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'People to mention');
    list.hidden = true;
    area.insertAdjacentElement('afterend', list);
    area.setAttribute('aria-autocomplete', 'list');
    area.setAttribute('aria-controls', list.id);
    let people = null;   // fetched once, on the first "@"
    let shown = [];
    let active = -1;
    let start = -1;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      shown = [];
      active = -1;
      area.removeAttribute('aria-activedescendant');
    }

    function choose(index) {
      const name = shown[index];
      if (name === undefined || start < 0) return;
      const caret = area.selectionStart;
      area.value = area.value.slice(0, start) + '@' + name + ' ' + area.value.slice(caret);
      const at = start + name.length + 2;
      area.setSelectionRange(at, at);
      close();
      area.focus();
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }

    function highlight(index) {
      active = index;
      list.querySelectorAll('[role=option]').forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
      if (index >= 0) area.setAttribute('aria-activedescendant', list.id + '-' + index);
    }

    function offer(typed) {
      const wanted = typed.toLocaleLowerCase();
      shown = people.filter((name) => name.toLocaleLowerCase().startsWith(wanted) ||
        name.toLocaleLowerCase().split(' ').some((part) => part.startsWith(wanted))).slice(0, 6);
      if (shown.length === 0 || (shown.length === 1 && shown[0].toLocaleLowerCase() === wanted)) { close(); return; }
      list.replaceChildren(...shown.map((name, i) => {
        const option = document.createElement('li');
        option.id = list.id + '-' + i;
        option.setAttribute('role', 'option');
        option.textContent = name;
        option.addEventListener('mousedown', (event) => { event.preventDefault(); choose(i); });
        return option;
      }));
      list.hidden = false;
      highlight(0);
    }

    area.addEventListener('input', () => {
      const text = area.value.slice(0, area.selectionStart);
      const line = text.slice(text.lastIndexOf('\n') + 1);
      const match = before.exec(line);
      if (!match) { close(); return; }
      start = text.length - match[1].length - 1;
      if (people) { offer(match[1]); return; }
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : { people: [] }))
        .then((data) => { people = data.people || []; offer(match[1]); })
        .catch(() => { people = []; });
    });
    area.addEventListener('keydown', (event) => {
      if (list.hidden) return;
      if (event.key === 'ArrowDown') { event.preventDefault(); highlight((active + 1) % shown.length); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); highlight((active - 1 + shown.length) % shown.length); }
      else if (event.key === 'Enter' || event.key === 'Tab') { event.preventDefault(); choose(active); }
      else if (event.key === 'Escape') { event.preventDefault(); close(); }
    });
    area.addEventListener('blur', () => setTimeout(close, 150));
  }

  document.querySelectorAll('textarea[data-mentions-url]').forEach(attach);
})();
