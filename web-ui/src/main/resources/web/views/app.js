// One app: deploy, its hosts, live progress, deployments, release history, config vars, live logs, and how to push to it.
import { enc, get, post } from '../api.js';
import { badge, errorBox, h } from '../dom.js';
import { deploymentPanel } from './deployment.js';
import { deploymentsPanel } from './deployments.js';
import { hostsPanel } from './host-status.js';
import { processesPanel } from './processes.js';
import { releasesPanel } from './releases.js';
import { configPanel } from './config.js';
import { logsPanel } from './logs.js';
import { connectPanel } from './connect.js';

/** `deploymentId` (from #/apps/NAME/deployments/ID) opens that deployment's events instead of a running one. */
export function appView(page, me, name, deploymentId) {
  const leaving = new AbortController();
  const heading = h('h1', {}, name);
  const current = h('span', { class: 'current-release' });
  const hosts = hostsPanel(() => refreshHosts());
  const processes = processesPanel();
  const message = h('div', { 'aria-live': 'polite' });
  const progress = deploymentPanel(leaving.signal, () => refresh());
  const deployments = deploymentsPanel(name, (id) => open(id, true));
  const logsSlot = h('div');
  const connectSlot = h('div');
  const releases = releasesPanel(name, me, (version) => start('rollback', { version }));
  page.append(
    h('div', { class: 'title' }, h('p', { class: 'crumb' }, h('a', { href: '#/apps' }, 'Apps'), ' /'), heading, current,
      me.canDeploy ? deployForm((ref) => start('deploy', { ref })) : null),
    message, hosts.element, processes.element, progress.element, deployments.element, releases.element, logsSlot,
    h('div', { class: 'columns' }, configPanel(name, me, () => setTimeout(refresh, 1500)), connectSlot));
  get(`apps/${enc(name)}`).then((app) => {
    if (me.canDeploy) logsSlot.replaceWith(logsPanel(name, app.hosts, leaving.signal));
    connectSlot.replaceWith(connectPanel(app));
  }, (error) => message.replaceChildren(errorBox(error)));

  function refresh() {
    releases.reload();
    deployments.reload();
    refreshHosts();
  }

  async function refreshHosts() {
    hosts.reading();
    try {
      const status = await get(`apps/${enc(name)}/status`);
      current.replaceChildren(status.currentVersion ? badge(`current v${status.currentVersion}`, 'good') : badge('no release yet', 'none'));
      hosts.show(status);
    } catch (error) {
      hosts.problem(error);
    }
    get(`apps/${enc(name)}/ps`).then((ps) => processes.show(ps), (error) => processes.problem(error));
  }

  async function start(action, body) {
    message.replaceChildren();
    try {
      const info = await post(`apps/${enc(name)}/${action}`, body);
      history.replaceState(null, '', `#/apps/${name}`); // the address no longer names an older deployment
      progress.follow(info);
      deployments.opened(info.id);
      deployments.reload();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  /** Shows one deployment's steps above the list; `jump` brings them into view for the reader who clicked. */
  async function open(id, jump) {
    try {
      progress.follow(await get(`deployments/${id}`));
      deployments.opened(id);
      if (jump) {
        progress.element.scrollIntoView({ block: 'start' });
        document.getElementById('deployment-title').focus({ preventScroll: true });
      }
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  refresh();
  if (deploymentId) open(Number(deploymentId), true);
  else followRunning(name, progress, deployments);
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

/** A deployment still running when the page opens (the newest of the app's, unfinished) is followed too. */
async function followRunning(name, progress, deployments) {
  try {
    const [newest] = await get(`apps/${enc(name)}/deployments?limit=1`);
    if (!newest || newest.finishedAt) return;
    progress.follow(await get(`deployments/${newest.id}`));
    deployments.opened(newest.id);
  } catch (ignored) { /* the page works without it */ }
}
