// The API over fetch, with the token kept for this browser session only.

const TOKEN_KEY = 'deployer.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Headers with the token; after sign-out, a view still loading asks for nothing instead of drawing a 401. */
export function headers(extra) {
  const token = session.token();
  if (!token) throw new ApiError(401, 'signed out');
  return { Authorization: `Bearer ${token}`, ...extra };
}

/** Turns a failed response into an ApiError with the server's one-sentence message. */
export async function failure(response) {
  if (response.status === 401) window.dispatchEvent(new Event('deployer:unauthorized'));
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.message) message = body.message;
  } catch (notJson) { /* keep the status line */ }
  return new ApiError(response.status, message);
}

export async function api(method, path, body) {
  const init = { method, headers: headers({ Accept: 'application/json' }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/${path}`, init);
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);

export const enc = encodeURIComponent;
