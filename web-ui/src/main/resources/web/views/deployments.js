// The app's deployments, newest first, a page at a time ("Older" asks for the page before the last one shown).
import { enc, get } from '../api.js';
import { ago, badge, errorBox, h, toneOf } from '../dom.js';

const PAGE = 10;

/** `onOpen(id)` shows one deployment's events; its link is also a URL of its own (#/apps/APP/deployments/ID). */
export function deploymentsPanel(app, onOpen) {
  const rows = h('tbody', {});
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading deployments…'));
  const message = h('div', { 'aria-live': 'polite' });
  const older = h('button', { type: 'button', id: 'deployments-older', hidden: true, onclick: () => more() }, 'Older');
  const element = h('section', { class: 'panel deployments', 'aria-labelledby': 'deployments-title' },
    h('h2', { id: 'deployments-title' }, 'Deployments'), body, message, older);
  let last = null;
  let opened = null;
  let generation = 0;

  async function load(before) {
    const mine = generation;
    older.disabled = true;
    try {
      const page = await get(`apps/${enc(app)}/deployments?limit=${PAGE}${before ? `&before=${before}` : ''}`);
      if (mine !== generation) return; // a reload started meanwhile: its page wins
      if (!before && !page.length) {
        body.replaceChildren(h('p', { class: 'muted' }, 'No deployments yet.'));
      } else if (!before) {
        rows.replaceChildren(...page.map(row));
        if (!body.contains(rows)) body.replaceChildren(table(rows));
      } else {
        rows.append(...page.map(row));
      }
      last = page.length ? page[page.length - 1].id : last;
      older.hidden = page.length < PAGE;
      message.replaceChildren();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
    older.disabled = false;
    mark();
  }

  function more() {
    return load(last);
  }

  function row(d) {
    const link = h('a', { href: `#/apps/${app}/deployments/${d.id}`, class: 'open-deployment', 'data-id': d.id,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // a new tab: the URL opens it there
        event.preventDefault();
        history.replaceState(null, '', link.getAttribute('href')); // linkable, without drawing the page again
        onOpen(d.id);
      } }, `#${d.id}`);
    const what = [d.kind, d.ref ? `of ${d.ref}` : null].filter(Boolean).join(' ');
    return h('tr', { 'data-id': d.id, 'data-status': d.status },
      h('td', {}, link),
      h('td', { class: 'what' }, what, d.reason ? h('span', { class: 'small muted reason' }, d.reason) : null),
      h('td', {}, badge(d.status, toneOf(d.status))),
      h('td', {}, d.version != null ? `v${d.version}` : '—'),
      h('td', {}, d.createdBy),
      h('td', {}, ago(d.startedAt)),
      h('td', { class: 'took' }, took(d)));
  }

  /** The deployment shown above is marked in the list. */
  function mark() {
    for (const tr of rows.children) {
      if (String(opened) === tr.dataset.id) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  return {
    element,
    reload() {
      generation += 1;
      return load(null);
    },
    opened(id) {
      opened = id;
      mark();
    },
  };
}

function table(rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, ['#', 'What', 'Status', 'Release', 'Who', 'Started', 'Took'].map((t) => h('th', { scope: 'col' }, t)))),
    rows);
}

function took(d) {
  if (!d.finishedAt) return h('span', { class: 'muted' }, 'running');
  const seconds = Math.max(0, Math.round((new Date(d.finishedAt) - new Date(d.startedAt)) / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
