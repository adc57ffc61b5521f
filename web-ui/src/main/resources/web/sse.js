// Server-Sent Events over fetch: EventSource cannot send the Authorization header.
import { failure, headers } from './api.js';

/**
 * Reads `path` as an event stream, calling onEvent(name, data) per event until the stream ends,
 * `signal` aborts, or onEvent returns false. Resolves when done; rejects on HTTP errors.
 */
export async function readEvents(path, onEvent, signal) {
  const response = await fetch(`/api/${path}`, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = eventParser(onEvent);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || parser(value) === false) return;
    }
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Feeds text chunks in; returns false once onEvent asked to stop. */
export function eventParser(onEvent) {
  let buffer = '';
  let name = 'message';
  let data = [];
  return (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        const stop = data.length > 0 && onEvent(name, data.join('\n')) === false;
        name = 'message';
        data = [];
        if (stop) return false;
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = value;
        else if (field === 'data') data.push(value);
      }
    }
    return true;
  };
}
