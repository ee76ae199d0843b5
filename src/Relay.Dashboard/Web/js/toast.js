import { h } from './dom.js';

/** A short-lived message in the corner: the result of an action. */
export function toast(text, kind = 'info', ms = 4000) {
  const host = document.getElementById('toasts');
  const el = h('div', { class: `toast ${kind}`, role: 'status' }, text);
  host.append(el);
  setTimeout(() => {
    el.classList.add('leaving');
    setTimeout(() => el.remove(), 300);
  }, ms);
  return el;
}
