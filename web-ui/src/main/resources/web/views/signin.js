// Sign in with an API token: checked against /api/whoami before it is kept.
import { h } from '../dom.js';

export function signInView(onSignedIn) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true,
    spellcheck: 'false' });
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'signin panel' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, 'Paste an API token. The admin token was printed at the server\'s first start and is in data/admin-token. '
      + 'It is kept for this browser tab only; signing out forgets it.'),
    h('label', { for: 'token' }, 'API token'),
    input, message, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    button.disabled = true;
    message.hidden = true;
    try {
      const response = await fetch('/api/whoami', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      if (response.ok) {
        onSignedIn(token);
        return;
      }
      message.textContent = response.status === 401 ? 'That token was not accepted.' : `The server answered ${response.status}.`;
    } catch (error) {
      message.textContent = `The server did not answer: ${error.message}`;
    }
    message.hidden = false;
    button.disabled = false;
    input.select();
  });
  setTimeout(() => input.focus(), 0);
  return form;
}
