// Apps overview: each app's current release, health per host and last deploy; admins can create an app.
import { enc, get } from '../api.js';
import { ago, badge, errorBox, h, toneOf } from '../dom.js';
import { createAppForm } from './create-app.js';

const DEPLOY_ACTIONS = ['deploy', 'rollback'];

export function appsView(page, me) {
  const list = h('div', { class: 'cards', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading apps…'));
  page.append(h('div', { class: 'title' }, h('h1', {}, 'Apps')), list);
  if (me.isAdmin) page.append(createAppForm(() => load(list)));
  load(list);
}

async function load(list) {
  try {
    const [apps, audit] = await Promise.all([get('apps'), get('audit?limit=500')]);
    list.replaceChildren(...(apps.length ? apps.map((app) => card(app, lastDeploy(audit, app.name)))
      : [h('p', { class: 'muted' }, 'No apps yet.')]));
  } catch (error) {
    list.replaceChildren(errorBox(error));
  }
  list.setAttribute('aria-busy', 'false');
}

function lastDeploy(audit, app) {
  return audit.find((entry) => entry.target === app && DEPLOY_ACTIONS.includes(entry.action));
}

function card(app, deploy) {
  const release = h('span', { class: 'release' }, '…');
  const health = h('ul', { class: 'health' }, app.hosts.map((host) => h('li', {}, badge(host, 'none'))));
  fillStatus(app.name, release, health);
  return h('article', { class: 'card app-card', 'data-app': app.name },
    h('h2', {}, h('a', { href: `#/apps/${app.name}` }, app.name), ' ', release),
    h('p', { class: 'muted small' }, app.repoUrl ? `${app.repoUrl} (${app.branch || 'main'})` : 'push with git', ` · port ${app.port}`),
    health,
    h('p', { class: 'small' }, 'Last deploy: ', deploy
      ? [ago(deploy.at), ` by ${deploy.actor}`, deploy.action === 'rollback' ? ` (rollback ${deploy.detail.split(',')[0]})` : '']
      : 'never'));
}

async function fillStatus(app, release, health) {
  try {
    const status = await get(`apps/${enc(app)}/status`);
    release.replaceChildren(status.currentVersion ? badge(`v${status.currentVersion}`, 'good') : badge('no release', 'none'));
    health.replaceChildren(...status.hosts.map((host) => h('li', { title: host.error || '' },
      badge(`${host.host} ${host.activeState || 'unknown'}${host.version ? ` v${host.version}` : ''}${host.drift ? ' (drift)' : ''}`,
        host.error ? 'bad' : toneOf(host.activeState)))));
  } catch (error) {
    release.replaceChildren(badge('status unknown', 'bad'));
    release.title = error.message;
  }
}
