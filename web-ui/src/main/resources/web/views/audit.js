// Who did what, when: newest first.
import { get } from '../api.js';
import { ago, errorBox, h } from '../dom.js';

export function auditView(page) {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading…'));
  page.append(h('div', { class: 'title' }, h('h1', {}, 'Audit')), h('section', { class: 'panel' }, body));
  get('audit?limit=200').then((entries) => body.replaceChildren(h('table', { class: 'audit' },
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Did', 'To', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, entries.map((e) => h('tr', {},
      h('td', {}, ago(e.at)), h('td', {}, e.actor), h('td', { class: 'mono' }, e.action), h('td', {}, e.target),
      h('td', { class: 'detail' }, e.detail)))))), (error) => body.replaceChildren(errorBox(error)));
}
