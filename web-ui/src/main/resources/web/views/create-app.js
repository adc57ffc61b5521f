// Admin only: a new app, on hosts picked from the known ones.
import { get, post } from '../api.js';
import { errorBox, h } from '../dom.js';

export function createAppForm(onCreated) {
  const hosts = h('fieldset', { class: 'hosts-pick' }, h('legend', {}, 'Hosts'));
  const message = h('div', { 'aria-live': 'polite' });
  const field = (label, name, attrs) => h('label', {}, label, h('input', { name, ...attrs }));
  const form = h('form', { class: 'grid-form' },
    field('Name', 'name', { required: true, pattern: '[a-z][a-z0-9\\-]{0,29}', placeholder: 'hello' }),
    field('Repository URL (optional)', 'repoUrl', { placeholder: 'https://git.example.com/team/hello.git' }),
    field('Branch', 'branch', { value: 'main' }),
    field('Port', 'port', { type: 'number', min: 1, max: 65535, value: 8080 }),
    field('Health path', 'healthPath', { value: '/health' }),
    hosts,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create app')),
    message);
  get('hosts').then((list) => hosts.append(...list.map((host) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'host', value: host.name }), host.name))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name) => (data.get(name) || '').trim() || null;
    try {
      await post('apps', {
        name: text('name'), hosts: data.getAll('host'), repoUrl: text('repoUrl'), branch: text('branch'),
        port: Number(data.get('port')), healthPath: text('healthPath'),
      });
      form.reset();
      message.replaceChildren(h('p', { class: 'ok' }, 'App created.'));
      onCreated();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  return h('details', { class: 'panel' }, h('summary', {}, 'Create an app'), form);
}
