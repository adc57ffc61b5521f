// One app: deploy, live progress, release history, config vars, live logs, and how to push to it.
import { enc, get, post } from '../api.js';
import { badge, errorBox, h, toneOf } from '../dom.js';
import { deploymentPanel } from './deployment.js';
import { releasesPanel } from './releases.js';
import { configPanel } from './config.js';
import { logsPanel } from './logs.js';
import { connectPanel } from './connect.js';

export function appView(page, me, name) {
  const leaving = new AbortController();
  const heading = h('h1', {}, name);
  const current = h('span', { class: 'current-release' });
  const hosts = h('ul', { class: 'health' });
  const message = h('div', { 'aria-live': 'polite' });
  const progress = deploymentPanel(leaving.signal, () => refresh());
  const logsSlot = h('div');
  const connectSlot = h('div');
  const releases = releasesPanel(name, me, (version) => start('rollback', { version }));
  page.append(
    h('div', { class: 'title' }, h('p', { class: 'crumb' }, h('a', { href: '#/apps' }, 'Apps'), ' /'), heading, current,
      me.canDeploy ? deployForm((ref) => start('deploy', { ref })) : null),
    message, hosts, progress.element, releases.element, logsSlot,
    h('div', { class: 'columns' }, configPanel(name, me, () => setTimeout(refresh, 1500)), connectSlot));
  get(`apps/${enc(name)}`).then((app) => {
    if (me.canDeploy) logsSlot.replaceWith(logsPanel(name, app.hosts, leaving.signal));
    connectSlot.replaceWith(connectPanel(app));
  }, (error) => message.replaceChildren(errorBox(error)));

  async function refresh() {
    releases.reload();
    try {
      const status = await get(`apps/${enc(name)}/status`);
      current.replaceChildren(status.currentVersion ? badge(`current v${status.currentVersion}`, 'good') : badge('no release yet', 'none'));
      hosts.replaceChildren(...status.hosts.map((host) => h('li', { title: host.error || '' },
        badge(`${host.host} ${host.activeState || 'unknown'}${host.version ? ` v${host.version}` : ''}`,
          host.error ? 'bad' : toneOf(host.activeState)),
        host.slots ? slotsOf(host.slots) : null)));
    } catch (error) {
      hosts.replaceChildren(h('li', {}, badge(`status unknown: ${error.message}`, 'bad')));
    }
  }

  async function start(action, body) {
    message.replaceChildren();
    try {
      progress.follow(await post(`apps/${enc(name)}/${action}`, body));
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  refresh();
  followRunning(name, progress);
  return () => leaving.abort();
}

function deployForm(onDeploy) {
  const ref = h('input', { id: 'deploy-ref', name: 'ref', placeholder: 'branch head', size: 14, spellcheck: 'false',
    'aria-label': 'Ref to deploy (default: the tracked branch)' });
  const form = h('form', { class: 'deploy-form' }, ref, h('button', { type: 'submit', class: 'primary', id: 'deploy' }, 'Deploy'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onDeploy(ref.value.trim() || null);
  });
  return form;
}

/** A deployment still running when the page opens (found through the audit log) is followed too. */
async function followRunning(name, progress) {
  try {
    const entry = (await get('audit?limit=100')).find((e) => e.target === name && /deployment \d+/.test(e.detail || ''));
    if (!entry) return;
    const info = await get(`deployments/${entry.detail.match(/deployment (\d+)/)[1]}`);
    if (!info.finishedAt) progress.follow(info);
  } catch (ignored) { /* the page works without it */ }
}

/** A zero-downtime host's slots: which one is live, and the warm standby an instant rollback returns to. */
function slotsOf(slots) {
  const live = slots.live ? `live ${slots.live} v${slots.liveVersion}` : 'no live slot';
  const standby = slots.standby
    ? `standby ${slots.standby} v${slots.standbyVersion}${slots.standbyUntil ? ` until ${new Date(slots.standbyUntil).toLocaleTimeString()}` : ''}`
    : 'no standby';
  return h('span', { class: 'slots' }, ` ${live} · ${standby}`);
}
