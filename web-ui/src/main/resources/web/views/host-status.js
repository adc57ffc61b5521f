// Per host, as read back from the host just now: unit state, the release it runs, since when, and its health answer.
import { ago, badge, clock, errorBox, h, toneOf } from '../dom.js';

export function hostsPanel(onRefresh) {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Reading the hosts…'));
  const readAt = h('span', { class: 'small muted', 'aria-live': 'polite' });
  const again = h('button', { type: 'button', class: 'quiet', id: 'hosts-refresh', onclick: () => onRefresh() }, 'Read again');
  const element = h('section', { class: 'panel host-status', 'aria-labelledby': 'host-status-title' },
    h('div', { class: 'title' }, h('h2', { id: 'host-status-title' }, 'Hosts'), readAt, again), body);

  return {
    element,
    reading: () => { again.disabled = true; readAt.textContent = 'reading…'; },
    show(status) {
      again.disabled = false;
      readAt.textContent = `read at ${clock(new Date().toISOString())} UTC`;
      body.replaceChildren(status.hosts.length ? table(status) : h('p', { class: 'muted' }, 'The app has no hosts.'));
    },
    problem(error) {
      again.disabled = false;
      readAt.textContent = '';
      body.replaceChildren(errorBox(`Could not read the hosts: ${error.message}`));
    },
  };
}

function table(status) {
  const slotted = status.hosts.some((host) => host.slots);
  const columns = ['Host', 'State', 'Release', 'Since', 'Health', slotted ? 'Slots' : null].filter(Boolean);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, status.hosts.map((host) => row(host, status.currentVersion, slotted))));
}

function row(host, current, slotted) {
  const cells = [h('th', { scope: 'row', class: 'mono' }, host.host),
    h('td', { class: 'state' }, badge(host.activeState || 'unknown', host.error ? 'bad' : toneOf(host.activeState)))];
  if (host.error) {
    // Nothing else could be read: the reason takes the place of the blanks.
    cells.push(h('td', { class: 'reason', colspan: slotted ? 4 : 3 }, host.error));
  } else {
    cells.push(h('td', { class: 'release' }, release(host, current)),
      h('td', { class: 'since' }, ago(host.since)),
      h('td', { class: 'health' }, health(host.health)));
    if (slotted) cells.push(h('td', { class: 'slots' }, host.slots ? slotsOf(host.slots) : '—'));
  }
  return h('tr', { 'data-host': host.host, class: host.error ? 'unreadable' : null }, cells);
}

function release(host, current) {
  if (host.version == null) return h('span', { class: 'muted' }, 'none');
  if (!host.drift) return h('strong', {}, `v${host.version}`);
  return [h('strong', {}, `v${host.version}`), ' ', badge(`drift: expected v${current}`, 'bad')];
}

function health(answer) {
  if (!answer) return h('span', { class: 'muted' }, 'not read');
  return [badge(answer.state, toneOf(answer.state)), ' ', h('span', { class: 'small muted detail' }, answer.detail)];
}

/** A zero-downtime host's slots: which one is live, and the warm standby an instant rollback returns to. */
function slotsOf(slots) {
  const live = slots.live ? `live ${slots.live} v${slots.liveVersion}` : 'no live slot';
  const standby = slots.standby
    ? [`standby ${slots.standby} v${slots.standbyVersion}`,
      slots.standbyUntil ? [' until ', h('time', { datetime: slots.standbyUntil }, `${clock(slots.standbyUntil)} UTC`)] : null]
    : 'no standby';
  return h('span', { class: 'small' }, live, ' · ', standby);
}
