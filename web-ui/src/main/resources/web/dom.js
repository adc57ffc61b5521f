// Builds elements from text, never from HTML strings: whatever the API returns is shown as text.

/** h('a', {href: '#/apps', class: 'x', onclick: fn}, 'child', otherNode) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** "3 min ago", with the exact time as a tooltip. */
export function ago(instant) {
  if (!instant) return h('span', {}, '—');
  const at = new Date(instant);
  const seconds = Math.max(0, Math.round((Date.now() - at.getTime()) / 1000));
  const text = seconds < 60 ? `${seconds} s ago`
    : seconds < 3600 ? `${Math.floor(seconds / 60)} min ago`
    : seconds < 86400 ? `${Math.floor(seconds / 3600)} h ago`
    : at.toISOString().slice(0, 10);
  return h('time', { datetime: at.toISOString(), title: at.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' }, text);
}

export function clock(instant) {
  return instant ? new Date(instant).toISOString().slice(11, 19) : '';
}

/** A small coloured label; `tone` is one of good, bad, busy, none. */
export function badge(text, tone) {
  return h('span', { class: `badge ${tone || 'none'}` }, text);
}

export function toneOf(state) {
  if (['succeeded', 'healthy', 'active', 'ok', 'good', 'current'].includes(state)) return 'good';
  if (['failed', 'interrupted', 'reverted', 'inactive', 'error', 'unreachable', 'unhealthy'].includes(state)) return 'bad';
  if (['queued', 'building', 'preparing', 'deploying', 'staging', 'staged', 'activating', 'started', 'pending', 'reloading',
    'deactivating'].includes(state)) return 'busy';
  return 'none';
}

export function section(title, ...content) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...content);
}

/** Shows an error message where the user is looking; replaces a previous one. */
export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
}
