// A modal yes/no question in a <dialog>: keyboard-friendly, Escape and Cancel say no.
import { h } from '../dom.js';

export function confirmAction(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', value: 'no' }, 'Cancel');
    const ok = h('button', { type: 'button', class: 'primary', value: 'yes' }, confirmLabel);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title), h('p', {}, text), h('div', { class: 'actions' }, cancel, ok));
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    ok.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
