// Config vars: keys and masked values only. Values go to the server and never come back.
import { api, enc, get } from '../api.js';
import { ago, errorBox, h } from '../dom.js';
import { confirmAction } from './confirm.js';

export function configPanel(app, me, onChanged) {
  const body = h('div', { class: 'table-wrap' });
  const message = h('div', { 'aria-live': 'polite' });
  const element = h('section', { class: 'panel config' }, h('h2', {}, 'Config vars'), body, message);

  async function change(vars, restart, done) {
    try {
      const result = await api('PUT', `apps/${enc(app)}/config?restart=${restart}`, vars);
      show(result.vars);
      const what = [...result.set.map((k) => `set ${k}`), ...result.unset.map((k) => `unset ${k}`)].join(', ') || 'no change';
      message.replaceChildren(h('p', { class: 'ok' }, what + (result.restart && what !== 'no change' ? '; the app restarts with a new release.' : '.')));
      if (done) done();
      onChanged();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  function show(vars) {
    body.replaceChildren(vars.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['Key', 'Value', 'Changed', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, vars.map((v) => h('tr', { 'data-key': v.key },
        h('td', { class: 'mono' }, v.key), h('td', { class: 'mono muted' }, v.masked), h('td', {}, ago(v.updatedAt)),
        h('td', {}, me.canDeploy ? h('button', { type: 'button', class: 'quiet', onclick: () => unset(v.key) }, 'Unset') : null)))))
      : h('p', { class: 'muted' }, 'No config vars.'));
  }

  async function unset(key) {
    if (await confirmAction(`Unset ${key}?`, 'The app restarts without it, as a new release.', 'Unset')) {
      change({ [key]: null }, true);
    }
  }

  get(`apps/${enc(app)}/config`).then(show, (error) => body.replaceChildren(errorBox(error)));
  if (me.canDeploy) element.append(setForm(change));
  return element;
}

function setForm(change) {
  const key = h('input', { id: 'config-key', name: 'key', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', spellcheck: 'false',
    autocomplete: 'off', placeholder: 'DATABASE_URL' });
  const value = h('input', { id: 'config-value', name: 'value', type: 'password', autocomplete: 'new-password', required: true });
  const restart = h('input', { id: 'config-restart', type: 'checkbox', checked: true });
  const form = h('form', { class: 'config-set' },
    h('label', { class: 'field' }, 'Key', key),
    h('label', { class: 'field' }, 'Value (write-only)', value),
    h('label', { class: 'check' }, restart, 'Restart now'),
    h('button', { type: 'submit' }, 'Set'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change({ [key.value.trim()]: value.value }, restart.checked, () => form.reset());
    value.value = ''; // the value leaves the page as soon as it is sent
  });
  return form;
}
