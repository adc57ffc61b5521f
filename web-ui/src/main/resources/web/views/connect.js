// Where to push: the git remote to add, and the webhook URL for a git host.
import { h } from '../dom.js';

export function connectPanel(app) {
  const remote = `${location.origin}/git/${app.name}.git`;
  return h('section', { class: 'panel connect' }, h('h2', {}, 'Push to deploy'),
    copyable('Git remote', 'remote-url', `git remote add deployer ${remote}`),
    h('p', { class: 'small muted' }, 'Then git push deployer main; user name: anything, password: an API token.'),
    copyable('Webhook URL', 'webhook-url', app.webhookUrl),
    h('p', { class: 'small muted' }, 'For GitHub, Gitea or GitLab push events; signed with the app\'s webhook secret.'));
}

function copyable(label, id, text) {
  const input = h('input', { id, readonly: true, value: text, class: 'mono', spellcheck: 'false' });
  const done = h('span', { class: 'small muted', 'aria-live': 'polite' });
  const copy = async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(text);
    } catch (noClipboard) {
      document.execCommand('copy'); // plain http on another host has no clipboard API
    }
    done.textContent = 'Copied';
    setTimeout(() => { done.textContent = ''; }, 2000);
  };
  return h('div', { class: 'copy-row' }, h('label', { for: id }, label),
    h('div', { class: 'copy-field' }, input, h('button', { type: 'button', onclick: copy }, 'Copy'), done));
}
