// Live logs over SSE: a fixed-height pane (no layout jumps), a host filter, and pause that buffers.
import { enc } from '../api.js';
import { clock, h } from '../dom.js';
import { readEvents } from '../sse.js';
import { stickToBottom } from './scrolling.js';

const MAX_LINES = 1000;
const BACKLOG = 100; // lines from before the pane opened, so it never opens empty on a quiet app

export function logsPanel(app, hosts, leaving) {
  const pane = h('div', { class: 'log-pane', role: 'log', tabindex: 0, 'aria-label': 'Log lines' });
  const filter = h('select', { id: 'log-host' }, h('option', { value: '' }, 'All hosts'),
    hosts.map((host) => h('option', { value: host }, host)));
  const pause = h('button', { type: 'button', id: 'log-pause', 'aria-pressed': 'false' }, 'Pause');
  const state = h('span', { class: 'small muted log-state', 'aria-live': 'polite' });
  const follow = stickToBottom(pane);
  const waiting = h('p', { class: 'log-waiting' }, `No lines yet: the last ${BACKLOG} come first, then new ones as they arrive.`);
  let held = [];
  let paused = false;
  let stream = null;

  function add(lines) {
    follow(() => {
      waiting.remove();
      pane.append(...lines.map(render));
      while (pane.childElementCount > MAX_LINES) pane.firstElementChild.remove();
    });
  }

  function receive(name, data) {
    if (name !== 'line' && name !== 'notice') return true;
    const line = JSON.parse(data);
    if (paused) {
      held.push(line);
      pause.textContent = `Resume (${held.length} new)`;
    } else {
      add([line]);
    }
    return true;
  }

  function connect() {
    if (stream) stream.abort();
    stream = new AbortController();
    leaving.addEventListener('abort', () => stream.abort());
    pane.replaceChildren(waiting);
    state.textContent = 'following';
    const host = filter.value ? `&host=${enc(filter.value)}` : '';
    const mine = stream;
    readEvents(`apps/${enc(app)}/logs?follow=true&lines=${BACKLOG}${host}`, receive, stream.signal)
      .then(() => { if (!mine.signal.aborted) state.textContent = 'the stream ended'; },
        (error) => { state.textContent = `stopped: ${error.message}`; });
  }

  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      add(held);
      held = [];
    }
    pause.textContent = paused ? 'Resume (0 new)' : 'Pause';
    state.textContent = paused ? 'paused' : 'following';
  });
  filter.addEventListener('change', connect);
  connect();

  return h('section', { class: 'panel logs' },
    h('div', { class: 'title' }, h('h2', {}, 'Logs'),
      h('div', { class: 'log-controls' }, h('label', { for: 'log-host' }, 'Host'), filter, pause, state)),
    pane);
}

function render(line) {
  const level = line.priority <= 3 ? 'error' : line.priority === 4 ? 'warn' : '';
  return h('div', { class: `log-line ${line.kind} ${level}`, 'data-host': line.host || '' },
    h('span', { class: 'at' }, clock(line.at)), h('span', { class: 'host' }, line.host || 'deployer'),
    h('span', { class: 'msg' }, line.message));
}
