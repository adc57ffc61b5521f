// Release history, newest first; deployers get a Rollback button on each older good release.
import { enc, get } from '../api.js';
import { ago, badge, errorBox, h, toneOf } from '../dom.js';
import { confirmAction } from './confirm.js';

export function releasesPanel(app, me, onRollback) {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading releases…'));
  const element = h('section', { class: 'panel releases' }, h('h2', {}, 'Releases'), body);

  async function reload() {
    try {
      const releases = await get(`apps/${enc(app)}/releases`);
      const current = releases.find((r) => r.current);
      body.replaceChildren(releases.length ? table(releases, current, me, onRollback)
        : h('p', { class: 'muted' }, 'No releases yet: deploy to make v1.'));
    } catch (error) {
      body.replaceChildren(errorBox(error));
    }
  }

  return { element, reload }; // the app page calls reload() with its first status load
}

function table(releases, current, me, onRollback) {
  return h('table', {},
    h('thead', {}, h('tr', {}, ['Version', 'Status', 'Commit', 'What', 'Who', 'When', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, releases.map((release) => h('tr', { 'data-version': release.version, class: release.current ? 'is-current' : null },
      h('td', {}, h('strong', {}, `v${release.version}`), release.current ? [' ', badge('current', 'good')] : null),
      h('td', {}, badge(release.status, toneOf(release.status))),
      h('td', { class: 'mono' }, release.commit ? release.commit.slice(0, 8) : '—'),
      h('td', { class: 'what' }, release.description || ''),
      h('td', {}, release.createdBy),
      h('td', {}, ago(release.createdAt)),
      h('td', {}, me.canDeploy && canRollBackTo(release, current) ? rollbackButton(release, onRollback) : null)))));
}

function canRollBackTo(release, current) {
  return current && release.version < current.version && release.status === 'succeeded';
}

function rollbackButton(release, onRollback) {
  return h('button', {
    type: 'button', class: 'rollback', 'data-version': release.version,
    onclick: async () => {
      const yes = await confirmAction(`Roll back to v${release.version}?`,
        `A new release copying v${release.version} (its artifact and config) becomes current on every host.`, 'Roll back');
      if (yes) onRollback(release.version);
    },
  }, 'Rollback');
}
