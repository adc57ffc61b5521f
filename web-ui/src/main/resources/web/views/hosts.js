// Hosts: pinned fingerprint, apps on each, preflight on demand; admins add hosts.
import { enc, get, post } from '../api.js';
import { ago, badge, errorBox, h } from '../dom.js';

export function hostsView(page, me) {
  const list = h('div', { class: 'cards' }, h('p', { class: 'muted' }, 'Loading hosts…'));
  page.append(h('div', { class: 'title' }, h('h1', {}, 'Hosts')), list);
  const load = () => get('hosts').then(
    (hosts) => list.replaceChildren(...(hosts.length ? hosts.map((host) => card(host, me)) : [h('p', { class: 'muted' }, 'No hosts yet.')])),
    (error) => list.replaceChildren(errorBox(error)));
  if (me.isAdmin) page.append(addHostForm(load), serverKey());
  load();
}

function card(host, me) {
  const report = h('div', { 'aria-live': 'polite' });
  const check = async (button) => {
    button.disabled = true;
    report.replaceChildren(h('p', { class: 'muted' }, 'Checking…'));
    try {
      report.replaceChildren(preflight(await post(`hosts/${enc(host.name)}/check`)));
    } catch (error) {
      report.replaceChildren(errorBox(error));
    }
    button.disabled = false;
  };
  return h('article', { class: 'card host-card', 'data-host': host.name },
    h('h2', {}, host.name),
    h('dl', {},
      h('dt', {}, 'Address'), h('dd', { class: 'mono' }, `${host.user}@${host.address}:${host.port}`),
      h('dt', {}, 'Pinned key'), h('dd', { class: 'mono fingerprint' }, host.fingerprint),
      h('dt', {}, 'Apps'), h('dd', {}, host.apps.length ? host.apps.map((app) => h('a', { href: `#/apps/${app}`, class: 'chip' }, app)) : 'none'),
      h('dt', {}, 'Added'), h('dd', {}, ago(host.createdAt))),
    me.canDeploy ? h('button', { type: 'button', onclick: (event) => check(event.currentTarget) }, 'Run preflight') : null,
    report);
}

export function preflight(report) {
  return h('ul', { class: 'checks' }, report.checks.map((c) => h('li', {},
    badge(c.ok ? 'ok' : 'fail', c.ok ? 'good' : 'bad'), ' ', h('strong', {}, c.name), ' ', c.detail || '',
    c.fix ? h('div', { class: 'small fix' }, `Fix: ${c.fix}`) : null)));
}

function addHostForm(onAdded) {
  const message = h('div', { 'aria-live': 'polite' });
  const field = (label, name, attrs) => h('label', {}, label, h('input', { name, spellcheck: 'false', ...attrs }));
  const form = h('form', { class: 'grid-form' },
    field('Name', 'name', { required: true, placeholder: 'web1' }),
    field('Address', 'address', { required: true, placeholder: '10.0.0.5' }),
    field('SSH port', 'port', { type: 'number', min: 1, max: 65535, value: 22 }),
    field('User', 'user', { value: 'root' }),
    field('Fingerprint (optional; else the key seen now is pinned)', 'fingerprint', { placeholder: 'SHA256:…' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add host')),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name) => (data.get(name) || '').trim() || null;
    message.replaceChildren(h('p', { class: 'muted' }, 'Connecting…'));
    try {
      const added = await post('hosts', { name: text('name'), address: text('address'), port: Number(data.get('port')),
        user: text('user'), fingerprint: text('fingerprint') });
      form.reset();
      message.replaceChildren(h('p', { class: 'ok' }, `Added ${added.host.name}, key ${added.host.fingerprint} pinned.`), preflight(added.preflight));
      onAdded();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  return h('details', { class: 'panel' }, h('summary', {}, 'Add a host'), form);
}

function serverKey() {
  const body = h('pre', { class: 'mono wrap' }, '…');
  get('ssh-key').then((key) => { body.textContent = key.publicKey; }, (error) => body.replaceChildren(errorBox(error)));
  return h('details', { class: 'panel' }, h('summary', {}, 'The server\'s SSH key (for authorized_keys)'), body);
}
