// Admin only: API tokens. A new token is shown once, right after it is made; listings never hold one.
import { api, get, post } from '../api.js';
import { ago, errorBox, h } from '../dom.js';
import { confirmAction } from './confirm.js';

const ROLES = ['viewer', 'deployer', 'admin'];

export function tokensView(page, me) {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading…'));
  const message = h('div', { 'aria-live': 'polite' });
  page.append(h('div', { class: 'title' }, h('h1', {}, 'API tokens')));
  if (!me.isAdmin) {
    page.append(h('p', { class: 'muted' }, 'Only an admin manages tokens.'));
    return;
  }
  const load = () => get('tokens').then((tokens) => body.replaceChildren(h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Role', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, tokens.map((token) => h('tr', {},
      h('td', {}, token.name), h('td', {}, token.role), h('td', {}, ago(token.createdAt)),
      h('td', {}, token.name === me.name ? h('span', { class: 'muted small' }, 'this session')
        : h('button', { type: 'button', class: 'quiet', onclick: () => revoke(token) }, 'Revoke'))))))),
  (error) => body.replaceChildren(errorBox(error)));

  async function revoke(token) {
    if (!await confirmAction(`Revoke ${token.name}?`, 'Anything using this token stops working at once.', 'Revoke')) return;
    try {
      await api('DELETE', `tokens/${token.id}`);
      message.replaceChildren(h('p', { class: 'ok' }, `Revoked ${token.name}.`));
      load();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  page.append(message, h('section', { class: 'panel' }, body), createForm(message, load));
  load();
}

function createForm(message, onCreated) {
  const name = h('input', { id: 'token-name', required: true, spellcheck: 'false', placeholder: 'ci' });
  const role = h('select', { id: 'token-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  const form = h('form', { class: 'config-set' }, h('label', { class: 'field' }, 'Name', name),
    h('label', { class: 'field' }, 'Role', role), h('button', { type: 'submit', class: 'primary' }, 'Create token'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await post('tokens', { name: name.value.trim(), role: role.value });
      form.reset();
      const shown = h('input', { readonly: true, value: created.token, class: 'mono', 'aria-label': 'The new token' });
      message.replaceChildren(h('div', { class: 'panel once' },
        h('p', {}, `Token ${created.name} (${created.role}): copy it now, it is not shown again.`),
        h('div', { class: 'copy-field' }, shown, h('button', { type: 'button', onclick: () => shown.remove() }, 'Done'))));
      shown.select();
      onCreated();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  return h('section', { class: 'panel' }, h('h2', {}, 'New token'), form);
}
