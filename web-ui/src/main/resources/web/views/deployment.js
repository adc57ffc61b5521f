// Live progress of one deployment: steps per host from `step` events, build output, the end state.
import { get } from '../api.js';
import { badge, clock, h, toneOf } from '../dom.js';
import { readEvents } from '../sse.js';
import { stickToBottom } from './scrolling.js';

export function deploymentPanel(leaving, onEnd) {
  const element = h('section', { class: 'panel deployment', hidden: true, 'aria-labelledby': 'deployment-title' });
  let following = null;

  function follow(info) {
    if (following) following.abort();
    following = new AbortController();
    leaving.addEventListener('abort', () => following.abort());
    const view = render(info);
    element.replaceChildren(view.root);
    element.hidden = false;
    const refresh = coalesced(async () => view.update(await get(`deployments/${info.id}`)));
    readEvents(`deployments/${info.id}/events`, (name, data) => {
      const event = JSON.parse(data);
      if (name === 'end') {
        view.update(event);
        if (!info.finishedAt) onEnd(event); // one that had ended before it was opened changed nothing since
        return false;
      }
      if (event.outcome === 'output') view.output(event.message);
      else {
        view.step(event);
        refresh();
      }
      return true;
    }, following.signal).catch((error) => view.problem(error.message));
  }

  return { element, follow };
}

function render(info) {
  const status = h('span', { class: 'deployment-status' });
  const summary = h('p', { class: 'small muted' });
  const groups = h('div', { class: 'host-steps' });
  const output = h('pre', { class: 'build-output', tabindex: 0, 'aria-label': 'Build output' });
  const problem = h('p', { class: 'error', hidden: true });
  const outputBlock = h('div', { hidden: true }, h('h3', {}, 'Build output'), output); // a rollback builds nothing
  const follow = stickToBottom(output);
  const lists = new Map();

  function list(host) {
    const key = host || '';
    if (!lists.has(key)) {
      const state = h('span', { class: 'host-state' });
      const steps = h('ol', { class: 'steps' });
      groups.append(h('div', { class: 'host-group', 'data-host': key }, h('h3', {}, host || 'build and release', ' ', state), steps));
      lists.set(key, { state, steps });
    }
    return lists.get(key);
  }

  function update(next) {
    status.replaceChildren(badge(next.status, toneOf(next.status)));
    status.dataset.status = next.status;
    summary.textContent = [next.kind, next.ref && `of ${next.ref}`, next.version && `→ v${next.version}`, `by ${next.createdBy}`,
      next.reason && `· ${next.reason}`].filter(Boolean).join(' ');
    for (const host of next.hosts || []) {
      list(host.host).state.replaceChildren(badge(host.state, toneOf(host.state)));
    }
  }

  function step(event) {
    const { steps } = list(event.host);
    const open = [...steps.children].reverse().find((li) => li.dataset.step === event.step && li.dataset.outcome === 'started');
    const line = h('li', { 'data-step': event.step, 'data-outcome': event.outcome },
      h('span', { class: 'at' }, clock(event.at)), badge(event.outcome === 'started' ? '…' : event.outcome, toneOf(event.outcome)),
      h('strong', {}, event.step), event.durationMs != null ? h('span', { class: 'muted' }, ` ${event.durationMs} ms`) : null,
      event.message ? h('span', { class: 'message' }, event.message) : null);
    if (open && event.outcome !== 'started') open.replaceWith(line);
    else steps.append(line);
  }

  update(info);
  return {
    root: h('div', {},
      h('div', { class: 'title' }, h('h2', { id: 'deployment-title', tabindex: -1 }, `Deployment #${info.id}`), status), summary, groups,
      outputBlock, problem),
    update,
    step,
    output: (text) => {
      outputBlock.hidden = false;
      follow(() => output.append(`${withoutColours(text)}\n`));
    },
    problem: (text) => { problem.textContent = `Lost the event stream: ${text}`; problem.hidden = false; },
  };
}

/** Build tools colour their output for terminals; here the escape codes would show as boxes. */
function withoutColours(text) {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** Runs `task` at most once at a time; calls that arrive meanwhile run it once more afterwards. */
function coalesced(task) {
  let running = false;
  let again = false;
  return async function run() {
    if (running) { again = true; return; }
    running = true;
    try { await task(); } catch (ignored) { /* the next event refreshes again */ }
    running = false;
    if (again) { again = false; run(); }
  };
}
