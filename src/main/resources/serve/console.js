// vaxel serve: the switchboard console. Plain JavaScript, no outside code. The whole people
// list is fetched once (/api/people) and filtered here; only the first LIMIT matches are drawn,
// so typing stays instant with 50,000 people. /events (Server-Sent Events) sends each change.
// Every value from the server is put in with textContent, never as HTML.
'use strict';
(function () {
  const LIMIT = 100;
  const body = document.body;
  const csrf = body.dataset.csrf;
  const L = document.getElementById('labels').dataset;
  const list = document.getElementById('people');
  const search = document.getElementById('search');
  const count = document.getElementById('count');
  const banner = document.getElementById('ami-banner');
  const dialog = document.getElementById('absence-dialog');
  const form = document.getElementById('absence-form');
  const views = { all: 'view-all', away: 'view-away', coming: 'view-coming' };
  let people = [];
  const byKey = new Map();
  let view = 'all';
  let loading = null; // events that arrive while the list is being fetched
  let drawPending = false;

  function hay(p) {
    return [p.name, p.title, p.unit, p.workplace, p.org, p.ext, p.phone, p.mobile, p.email, p.id]
      .filter(Boolean).join(' ').toLowerCase();
  }

  function put(p) {
    p._hay = hay(p);
    const old = byKey.get(p.key);
    if (old) {
      people[old._index] = p;
      p._index = old._index;
    } else {
      p._index = people.length;
      people.push(p);
    }
    byKey.set(p.key, p);
  }

  async function load() {
    loading = [];
    count.textContent = L.loading;
    try {
      const r = await fetch('/api/people', { headers: { Accept: 'application/json' } });
      if (r.status === 401) { location.href = '/login'; return; }
      const data = await r.json();
      people = [];
      byKey.clear();
      data.people.forEach(put);
      setUp(data.up);
      const pending = loading;
      loading = null;
      pending.forEach(handle);
    } catch (e) {
      loading = null;
      setUp(false);
    }
    draw();
  }

  function setUp(up) {
    banner.hidden = !!up;
    body.dataset.ami = up ? 'up' : 'down';
  }

  function handle(msg) {
    if (loading) { loading.push(msg); return; }
    if (msg.type === 'person') { put(msg.person); scheduleDraw(); }
    else if (msg.type === 'reload') { load(); }
    else if (msg.type === 'ami') { setUp(msg.up); if (msg.up) { load(); } else { scheduleDraw(); } }
  }

  function scheduleDraw() {
    if (drawPending) { return; }
    drawPending = true;
    requestAnimationFrame(() => { drawPending = false; draw(); });
  }

  function matches(p, words) {
    if (view === 'away' && !p.away) { return false; }
    if (view === 'coming' && !p.next) { return false; }
    for (const w of words) { if (p._hay.indexOf(w) < 0) { return false; } }
    return true;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  // Drops zero seconds only: "2026-12-02T17:00" is "2026-12-02 17:00", not "... 17".
  function when(s) { return s ? s.replace('T', ' ').replace(/(\d\d:\d\d):00$/, '$1') : ''; }
  function reason(r) { return r ? (L['reason' + r.charAt(0).toUpperCase() + r.slice(1)] || r) : ''; }

  function row(p) {
    const li = el('li', 'person');
    li.tabIndex = 0;
    li.dataset.key = p.key;
    li.dataset.ext = p.ext || '';
    li.dataset.away = p.away ? 'true' : 'false';
    li.dataset.state = p.state || 'unknown';
    li.dataset.live = p.live ? 'true' : 'false';
    const head = el('div', 'head');
    head.append(el('span', 'name', p.name), el('span', 'ext', p.ext || ''));
    if (p.mobile) { head.append(el('span', 'mobile', L.mobile + ' ' + p.mobile)); }
    const st = p.state || 'unknown';
    head.append(el('span', 'state state-' + st,
      p.live ? (L['state' + st.charAt(0).toUpperCase() + st.slice(1)] || st) : L.stateUnknown));
    li.append(head);
    li.append(el('div', 'unit', [p.title, p.unit, p.workplace, p.org].filter(Boolean).join(' · ')));
    if (p.phrase) { li.append(el('div', 'phrase', p.phrase)); }
    if (p.away) {
      const a = p.away;
      const d = el('div', 'away-info');
      d.append(el('span', 'reason', L.away + (a.reason ? ' (' + reason(a.reason) + ')' : '')));
      d.append(el('span', 'until', a.lastDay ? ' ' + L.through + ' ' + a.lastDay
        : ' ' + L.until + ' ' + when(a.until)));
      if (a.back) { d.append(el('span', 'back', ', ' + L.back + ' ' + a.back)); }
      const c = a.cover;
      let cover = L.covers + ' ';
      if (c.name) {
        cover += c.name + (c.ext ? ' (' + c.ext + ')' : '') + (c.number ? ', ' + c.number : '');
        if (c.why === 'contact_away') { cover += ' – ' + L.alsoAway + ', ' + L.switchboard; }
        if (c.why === 'no_extension') { cover += ' – ' + L.noExtension + ', ' + L.switchboard; }
      } else {
        cover += L.switchboard;
      }
      d.append(el('span', 'cover', '. ' + cover));
      if (a.source === 'live' && (a.origin || a.setBy)) {
        d.append(el('span', 'set-by', '. ' + L.setBy + ' ' + [a.origin, a.setBy].filter(Boolean).join(': ')));
      } else if (a.source !== 'live') {
        d.append(el('span', 'set-by', ' (' + L.sourceStaff + ')'));
      }
      li.append(d);
    }
    if (p.next) {
      li.append(el('div', 'next', L.coming + ': ' + when(p.next.from) + ' – ' + when(p.next.until)
        + (p.next.reason ? ' (' + reason(p.next.reason) + ')' : '')));
    }
    if (p.ext) {
      const b = el('div', 'actions');
      const set = el('button', 'btn-set', p.away ? L.change : L.set);
      set.type = 'button';
      set.addEventListener('click', () => open(p.key));
      b.append(set);
      if (p.away && p.away.source === 'live') {
        const clr = el('button', 'btn-clear', L.clear);
        clr.type = 'button';
        clr.addEventListener('click', () => clear(p.key));
        b.append(clr);
      }
      li.append(b);
    }
    return li;
  }

  function draw() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = [];
    let total = 0;
    for (const p of people) {
      if (matches(p, words)) {
        total++;
        if (shown.length < LIMIT) { shown.push(p); }
      }
    }
    const focusedKey = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key : null;
    const frag = document.createDocumentFragment();
    shown.forEach(p => frag.append(row(p)));
    list.replaceChildren(frag);
    count.textContent = total === 0 ? L.none : shown.length + ' ' + L.shown + ' ' + L.of + ' ' + total;
    count.dataset.total = String(total);
    if (focusedKey) {
      const again = list.querySelector('li[data-key="' + CSS.escape(focusedKey) + '"]');
      if (again) { again.focus(); }
    }
  }

  function localNow() {
    const d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16);
  }

  function open(key) {
    const p = byKey.get(key);
    if (!p) { return; }
    form.reset();
    document.getElementById('absence-person').value = key;
    document.getElementById('absence-name').textContent = p.name + (p.ext ? ' (' + p.ext + ')' : '');
    document.getElementById('absence-from').value = localNow();
    if (p.away && p.away.source === 'live') {
      document.getElementById('absence-until').value = p.away.until.slice(0, 16);
    }
    showError(null);
    dialog.showModal();
    document.getElementById('absence-until').focus();
  }

  function showError(problems) {
    const e = document.getElementById('absence-error');
    e.hidden = !problems;
    e.textContent = problems ? problems.join(' ') : '';
  }

  async function post(url, params) {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: new URLSearchParams(params)
    });
    if (r.status === 401) { location.href = '/login'; return null; }
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = { problems: [text] }; }
    if (!r.ok) { return { problems: (data && data.problems) || [text] }; }
    return { person: data };
  }

  /** The alternate field takes a key from the list, an extension or an exact name. */
  function alternateKey(value) {
    const v = value.trim();
    if (!v) { return ''; }
    if (byKey.has(v)) { return v; }
    const lower = v.toLowerCase();
    const hit = people.find(p => p.ext === v || p.name.toLowerCase() === lower);
    return hit ? hit.key : v;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const key = document.getElementById('absence-person').value;
    const res = await post('/api/absence', {
      person: key,
      from: document.getElementById('absence-from').value,
      until: document.getElementById('absence-until').value,
      reason: document.getElementById('absence-reason').value,
      alternate: alternateKey(document.getElementById('absence-alternate').value)
    });
    if (!res) { return; }
    if (res.problems) { showError(res.problems); return; }
    put(res.person);
    dialog.close();
    draw();
  });

  document.getElementById('absence-cancel').addEventListener('click', () => dialog.close());
  document.getElementById('absence-clear').addEventListener('click', async () => {
    await clear(document.getElementById('absence-person').value);
    dialog.close();
  });

  async function clear(key) {
    const res = await post('/api/absence/clear', { person: key });
    if (res && res.person) { put(res.person); draw(); }
  }

  const alternate = document.getElementById('absence-alternate');
  alternate.addEventListener('input', () => {
    const words = alternate.value.toLowerCase().split(/\s+/).filter(Boolean);
    const opts = document.createDocumentFragment();
    if (words.length) {
      let n = 0;
      for (const p of people) {
        if (p.ext && words.every(w => p._hay.indexOf(w) >= 0)) {
          const o = document.createElement('option');
          o.value = p.key;
          o.textContent = p.name + ' (' + p.ext + ')';
          opts.append(o);
          if (++n >= 20) { break; }
        }
      }
    }
    document.getElementById('alternate-list').replaceChildren(opts);
  });

  search.addEventListener('input', draw);
  Object.entries(views).forEach(([name, id]) => {
    document.getElementById(id).addEventListener('click', () => {
      view = name;
      Object.values(views).forEach(other =>
        document.getElementById(other).setAttribute('aria-pressed', String(other === id)));
      draw();
    });
  });

  // Keyboard: "/" to search, arrows through the list, Enter to register an absence.
  document.addEventListener('keydown', (ev) => {
    if (dialog.open) { return; }
    const t = ev.target;
    if (ev.key === '/' && t !== search) { ev.preventDefault(); search.focus(); search.select(); return; }
    if (ev.key === 'ArrowDown' && t === search) {
      ev.preventDefault();
      const first = list.querySelector('li');
      if (first) { first.focus(); }
      return;
    }
    if (t && t.classList && t.classList.contains('person')) {
      if (ev.key === 'ArrowDown' && t.nextElementSibling) { ev.preventDefault(); t.nextElementSibling.focus(); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); (t.previousElementSibling || search).focus(); }
      else if (ev.key === 'Enter') { ev.preventDefault(); open(t.dataset.key); }
    }
  });

  function connect() {
    const es = new EventSource('/events');
    // "hello" comes on every (re)connection: the list is re-read, so nothing missed while
    // disconnected stays wrong.
    es.addEventListener('hello', () => load());
    es.addEventListener('message', (ev) => handle(JSON.parse(ev.data)));
    es.onerror = () => { setUp(false); };
  }

  connect();
})();
