// A logged wandb.Table ({"_type": "table", "columns": [...], "data": [[...], ...]}) as an HTML table whose columns
// sort on click: ascending, then descending; numbers numerically, empty cells last.
import { el, clear } from './dom.js';
import { number } from './format.js';

const MAX_ROWS = 2000; // drawn at once; sorting still orders every row

/** Fetches a *.table.json file and renders it into a new element; throws when it cannot be read as a table. */
export async function loadTable(url, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return renderTable(parseTable(await response.text()));
}

/** Replaces the content of <holder> with a title and the table at <url> (or why it could not be shown). */
export async function showTable(holder, title, url, signal) {
  holder.hidden = false;
  clear(holder).append(el('h2', {}, title), el('p', { class: 'muted' }, 'Loading…'));
  try {
    const table = await loadTable(url, signal);
    clear(holder).append(el('h2', {}, title), table);
  } catch (error) {
    if (!signal?.aborted) clear(holder).append(el('h2', {}, title), el('p', { class: 'error' }, String(error.message ?? error)));
  }
}

/** Python's json writes NaN and Infinity bare; read them as null so the rest of the table still shows. */
export function parseTable(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = JSON.parse(text.replace(/(?<=[[,:]\s*)-?(NaN|Infinity)(?=\s*[\],}])/g, 'null'));
  }
  if (!value || !Array.isArray(value.columns) || !Array.isArray(value.data)) throw new Error('Not a wandb table: no columns and data.');
  return { columns: value.columns.map(String), data: value.data.filter(Array.isArray) };
}

const isEmpty = (value) => value === null || value === undefined;

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true });
}

function cellText(value) {
  if (value && typeof value === 'object') return value._type ? `[${value._type}]` : JSON.stringify(value);
  return number(value);
}

export function renderTable({ columns, data }) {
  const sort = { column: -1, descending: false };
  const head = el('tr', {});
  const body = el('tbody', {});
  const note = el('span', { class: 'table-note' });
  const numeric = columns.map((_, index) => data.every((row) => isEmpty(row[index]) || typeof row[index] === 'number'));
  const headers = columns.map((name, index) => el('th', {
    class: numeric[index] ? 'sortable num' : 'sortable', dataset: { col: name }, title: 'Sort by this column',
    onclick: () => {
      sort.descending = sort.column === index ? !sort.descending : false;
      sort.column = index;
      draw();
    },
  }, name, el('span', { class: 'sort-mark' })));
  head.append(...headers);

  function draw() {
    const rows = data.map((row, order) => ({ row, order }));
    if (sort.column >= 0) {
      rows.sort((x, y) => {
        const a = x.row[sort.column], b = y.row[sort.column];
        if (isEmpty(a) || isEmpty(b)) return isEmpty(a) === isEmpty(b) ? x.order - y.order : isEmpty(a) ? 1 : -1;
        const byValue = compare(a, b);
        return byValue === 0 ? x.order - y.order : sort.descending ? -byValue : byValue;
      });
    }
    headers.forEach((th, index) => {
      th.querySelector('.sort-mark').textContent = index === sort.column ? (sort.descending ? ' ▼' : ' ▲') : '';
      th.setAttribute('aria-sort', index === sort.column ? (sort.descending ? 'descending' : 'ascending') : 'none');
    });
    note.textContent = rows.length > MAX_ROWS ? ` — showing the first ${MAX_ROWS}` : '';
    clear(body).append(...rows.slice(0, MAX_ROWS).map(({ row }) => el('tr', { class: 'table-row' },
      columns.map((_, index) => el('td', { class: typeof row[index] === 'number' ? 'num' : null }, cellText(row[index]))))));
  }
  draw();
  return el('div', { class: 'wandb-table' },
    el('div', { class: 'muted table-size' }, `${data.length} rows × ${columns.length} columns`, note),
    el('div', { class: 'table-scroll' }, el('table', { class: 'grid' }, el('thead', {}, head), body)));
}
