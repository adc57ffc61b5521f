// The dashboard's shell: sign-in, the signed-in user's role, and hash routing to one view at a time.
import { ApiError, get, session } from './api.js';
import { h } from './dom.js';
import { signInView } from './views/signin.js';
import { appsView } from './views/apps.js';
import { appView } from './views/app.js';
import { hostsView } from './views/hosts.js';
import { auditView } from './views/audit.js';
import { tokensView } from './views/tokens.js';

const ROUTES = [
  [/^#\/apps\/([a-z][a-z0-9-]{0,29})(?:\/deployments\/([0-9]{1,15}))?$/, appView],
  [/^#\/apps$/, appsView],
  [/^#\/hosts$/, hostsView],
  [/^#\/audit$/, auditView],
  [/^#\/tokens$/, tokensView],
];

const view = document.getElementById('view');
let me = null;
let leaveView = null;

/** What the signed-in token may do; views offer nothing more. */
function rights(who) {
  return {
    name: who.name,
    role: who.role,
    canDeploy: who.role === 'deployer' || who.role === 'admin',
    isAdmin: who.role === 'admin',
  };
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  document.getElementById('nav-tokens').hidden = !(signedIn && me.isAdmin);
  document.getElementById('who-name').textContent = signedIn ? `${me.name} · ${me.role}` : '';
  for (const link of document.querySelectorAll('#nav a')) {
    const here = location.hash === link.getAttribute('href') || location.hash.startsWith(`${link.getAttribute('href')}/`);
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function render() {
  if (leaveView) leaveView();
  leaveView = null;
  if (!session.token()) {
    me = null;
    showChrome(false);
    view.replaceChildren(signInView(onSignedIn));
    return;
  }
  try {
    if (!me) me = rights(await get('whoami'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut();
    view.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The server did not answer: ${error.message}`));
    return;
  }
  const route = ROUTES.find(([pattern]) => pattern.test(location.hash));
  if (!route) {
    location.replace('#/apps');
    return;
  }
  showChrome(true);
  const [pattern, show] = route;
  const page = h('div', { class: 'page' });
  view.replaceChildren(page);
  leaveView = show(page, me, ...location.hash.match(pattern).slice(1));
  view.focus({ preventScroll: true });
}

function onSignedIn(token) {
  session.signIn(token);
  me = null;
  if (!location.hash || location.hash === '#/') location.hash = '#/apps';
  render();
}

function signOut() {
  session.signOut();
  me = null;
  render();
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('deployer:unauthorized', () => { if (me) signOut(); });
window.addEventListener('hashchange', render);
render();
