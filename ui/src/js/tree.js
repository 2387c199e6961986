// A collapsible tree of a JSON value (config, artifact metadata); text only, never HTML.
import { el } from './dom.js';
import { number } from './format.js';

export function tree(value) {
  if (value === null || typeof value !== 'object') return el('span', { class: 'leaf' }, number(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (!entries.length) return el('span', { class: 'muted' }, Array.isArray(value) ? '[]' : '{}');
  return el('ul', { class: 'tree' }, entries.map(([k, v]) => v !== null && typeof v === 'object'
    ? el('li', {}, el('details', { open: entries.length < 30 }, el('summary', {}, k), tree(v)))
    : el('li', {}, el('span', { class: 'key' }, k), ': ', tree(v))));
}
