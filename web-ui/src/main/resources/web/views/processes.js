// Per host, each process instance of the app as read from systemd just now: web, the Procfile types, cron entries.
import { ago, badge, clock, errorBox, h, toneOf } from '../dom.js';

export function processesPanel() {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Reading the processes…'));
  const element = h('section', { class: 'panel processes', 'aria-labelledby': 'processes-title' },
    h('div', { class: 'title' }, h('h2', { id: 'processes-title' }, 'Processes')), body);
  return {
    element,
    show(ps) {
      body.replaceChildren(ps.hosts.length ? table(ps) : h('p', { class: 'muted' }, 'The app has no hosts.'));
    },
    problem(error) {
      body.replaceChildren(errorBox(`Could not read the processes: ${error.message}`));
    },
  };
}

function table(ps) {
  const columns = ['Host', 'Process', 'State', 'Release', 'Since', 'Note'];
  const rows = ps.hosts.flatMap((host) => {
    if (host.error) {
      return [h('tr', { 'data-host': host.host, class: 'unreadable' }, h('th', { scope: 'row', class: 'mono' }, host.host),
        h('td', { class: 'reason', colspan: 5 }, host.error))];
    }
    if (!host.processes.length) {
      return [h('tr', { 'data-host': host.host }, h('th', { scope: 'row', class: 'mono' }, host.host),
        h('td', { class: 'muted', colspan: 5 }, 'no units of the app on this host'))];
    }
    return host.processes.map((p) => row(host.host, p));
  });
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

function row(host, p) {
  return h('tr', { 'data-host': host, 'data-process': `${p.type}.${p.instance}` },
    h('th', { scope: 'row', class: 'mono' }, host),
    h('td', { class: 'mono', title: p.unit || '' }, `${p.type}.${p.instance}`),
    h('td', { class: 'state' }, badge(p.activeState || 'unknown', toneOf(p.activeState)),
      p.subState ? h('span', { class: 'small muted' }, ` ${p.subState}`) : null),
    h('td', { class: 'release' }, p.version == null ? h('span', { class: 'muted' }, 'none') : `v${p.version}`),
    h('td', { class: 'since' }, ago(p.since)),
    h('td', { class: 'note small' }, p.cron ? cron(p.cron) : (p.role || '')));
}

/** A cron entry: its schedule, how its last run ended, when it runs next. */
function cron(run) {
  const last = run.lastExit
    ? [`last ${clock(run.lastExit)} UTC: `, badge(run.result === 'success' ? 'ok' : (run.result || 'unknown'),
      run.result === 'success' ? 'good' : 'bad'), run.exitStatus == null ? '' : ` exit ${run.exitStatus}`]
    : 'never ran';
  return [run.schedule ? h('code', {}, run.schedule) : null, run.schedule ? ' · ' : null, last,
    run.nextRun ? ` · next ${clock(run.nextRun)} UTC` : ''];
}
