// Project workspace: the runs table (filter, sort, show/hide, colour, chosen config and summary columns) beside the
// charts of the visible runs.
import { el, clear, debounce } from '../dom.js';
import { getJson, pagePath } from '../api.js';
import { dateTime, duration, number, STATE_CLASS } from '../format.js';
import { runColors } from '../charts/colors.js';
import { ChartPanel } from '../charts/chartPanel.js';

const REFRESH_MS = 8000;
const MAX_CHARTED_RUNS = 100;
const STATES = ['running', 'finished', 'failed', 'crashed'];

export async function renderWorkspace(page, { entity, project }) {
  const storeKey = `worb.workspace.${entity}/${project}`;
  const stored = (() => { try { return JSON.parse(localStorage.getItem(storeKey) ?? '{}'); } catch { return {}; } })();
  const state = {
    q: '', state: '', tag: '', config: '', sort: 'created', order: 'desc',
    hidden: new Set(stored.hidden ?? []),
    columns: stored.columns ?? [],
  };
  const save = () => localStorage.setItem(storeKey, JSON.stringify({ hidden: [...state.hidden], columns: state.columns }));
  const colors = runColors(entity, project);
  let runs = [];
  let allTags = new Set();
  let chartedSignature = '';

  const search = el('input', { type: 'search', placeholder: 'Search runs', class: 'run-search' });
  const stateSelect = el('select', { class: 'state-filter' }, el('option', { value: '' }, 'Any state'), STATES.map((s) => el('option', { value: s }, s)));
  const tagSelect = el('select', { class: 'tag-filter' });
  const configFilter = el('input', { type: 'text', placeholder: 'config filter, e.g. lr:0.1', class: 'config-filter' });
  const columnPicker = el('select', { class: 'column-picker', title: 'Add a config or summary column' });
  const count = el('span', { class: 'run-count' });
  const table = el('table', { class: 'grid runs-table' });
  const runsPane = el('section', { class: 'runs-pane' },
    el('div', { class: 'filters' }, search, stateSelect, tagSelect, configFilter, columnPicker, count),
    el('div', { class: 'table-scroll' }, table));
  const chartsPane = el('section', { class: 'charts-pane' });
  page.append(el('div', { class: 'workspace' }, runsPane, chartsPane));
  const panel = new ChartPanel(chartsPane, { entity, project });

  const reload = debounce(() => refresh().catch(showError), 250);
  search.addEventListener('input', () => { state.q = search.value; reload(); });
  stateSelect.addEventListener('change', () => { state.state = stateSelect.value; reload(); });
  tagSelect.addEventListener('change', () => { state.tag = tagSelect.value; reload(); });
  configFilter.addEventListener('input', () => { state.config = configFilter.value.includes(':') || !configFilter.value ? configFilter.value : state.config; reload(); });
  columnPicker.addEventListener('change', () => {
    if (columnPicker.value && !state.columns.includes(columnPicker.value)) state.columns.push(columnPicker.value);
    save();
    drawTable();
  });

  function showError(error) {
    count.textContent = String(error.message ?? error);
    count.classList.add('error');
  }

  async function refresh() {
    const q = new URLSearchParams({ sort: state.sort, order: state.order });
    if (state.q) q.set('q', state.q);
    if (state.state) q.set('state', state.state);
    if (state.tag) q.set('tag', state.tag);
    if (state.config) q.set('config', state.config);
    runs = await getJson(`/api/projects/${encodeURIComponent(entity)}/${encodeURIComponent(project)}/runs?${q}`);
    count.classList.remove('error');
    count.textContent = `${runs.length} runs`;
    for (const run of runs) run.tags.forEach((t) => allTags.add(t));
    fillTagSelect();
    fillColumnPicker();
    drawTable();
    await chartRuns();
  }

  function fillTagSelect() {
    const current = tagSelect.value;
    clear(tagSelect).append(el('option', { value: '' }, 'Any tag'), ...[...allTags].sort().map((t) => el('option', { value: t, selected: t === current }, t)));
  }

  function fillColumnPicker() {
    const config = new Set(), summary = new Set();
    for (const run of runs) {
      Object.keys(run.config).forEach((k) => config.add(k));
      Object.entries(run.summary).forEach(([k, v]) => { if (!k.startsWith('_') && (v === null || typeof v !== 'object')) summary.add(k); });
    }
    clear(columnPicker).append(el('option', { value: '' }, '+ column'),
      el('optgroup', { label: 'config' }, [...config].sort().map((k) => el('option', { value: `config.${k}` }, k))),
      el('optgroup', { label: 'summary' }, [...summary].sort().map((k) => el('option', { value: `summary.${k}` }, k))));
  }

  function cellValue(run, column) {
    const [source, ...rest] = column.split('.');
    const value = run[source]?.[rest.join('.')];
    return value === undefined ? '' : number(value);
  }

  function header(label, sortKey) {
    const th = el('th', { class: sortKey ? 'sortable' : '' }, label);
    if (sortKey) {
      if (state.sort === sortKey) th.append(state.order === 'asc' ? ' ▲' : ' ▼');
      th.addEventListener('click', () => {
        state.order = state.sort === sortKey && state.order === 'desc' ? 'asc' : 'desc';
        state.sort = sortKey;
        reload();
      });
    }
    return th;
  }

  function drawTable() {
    const allShown = runs.length > 0 && runs.every((r) => !state.hidden.has(r.name));
    const toggleAll = el('input', { type: 'checkbox', checked: allShown, title: 'Show or hide all runs in the charts' });
    toggleAll.addEventListener('change', () => {
      for (const run of runs) { if (toggleAll.checked) state.hidden.delete(run.name); else state.hidden.add(run.name); }
      save(); drawTable(); chartRuns();
    });
    const extra = state.columns.map((c) => {
      const th = header(c.replace(/^(config|summary)\./, ''), c);
      th.title = c;
      th.append(el('button', { class: 'link remove-column', title: 'Remove column', onclick: (e) => { e.stopPropagation(); state.columns = state.columns.filter((x) => x !== c); save(); drawTable(); } }, '×'));
      return th;
    });
    const head = el('tr', {}, el('th', {}, toggleAll), el('th', {}, ''), header('State', 'state'), header('Name', 'name'),
      header('Created', 'created'), header('Runtime', 'runtime'), el('th', {}, 'Tags'), el('th', {}, 'Group'), el('th', {}, 'Job type'), extra);
    const body = el('tbody');
    for (const run of runs) {
      const shown = el('input', { type: 'checkbox', checked: !state.hidden.has(run.name), class: 'run-visible', title: 'Show in charts' });
      shown.addEventListener('change', () => { if (shown.checked) state.hidden.delete(run.name); else state.hidden.add(run.name); save(); chartRuns(); });
      const color = el('input', { type: 'color', value: colors.of(run.name), class: 'run-color', title: 'Run colour' });
      color.addEventListener('change', () => { colors.set(run.name, color.value); chartRuns(); });
      body.append(el('tr', { class: 'run-row', dataset: { run: run.name } },
        el('td', {}, shown), el('td', {}, color),
        el('td', {}, el('span', { class: `badge ${STATE_CLASS[run.state] ?? ''}` }, run.state)),
        el('td', {}, el('a', { href: pagePath.run(entity, project, run.name), 'data-link': true, class: 'run-link', title: run.name }, run.displayName)),
        el('td', { class: 'nowrap' }, dateTime(run.createdAt)),
        el('td', { class: 'num' }, duration(run.runtimeSeconds)),
        el('td', {}, run.tags.map((t) => el('span', { class: 'tag' }, t))),
        el('td', {}, run.group ?? ''), el('td', {}, run.jobType ?? ''),
        state.columns.map((c) => el('td', { class: 'num' }, cellValue(run, c)))));
    }
    clear(table).append(el('thead', {}, head), body);
  }

  async function chartRuns() {
    const visible = runs.filter((r) => !state.hidden.has(r.name)).slice(0, MAX_CHARTED_RUNS)
      .map((r) => ({ name: r.name, displayName: r.displayName, color: colors.of(r.name), state: r.state }));
    const signature = visible.map((r) => `${r.name}:${r.color}`).join('|');
    if (signature === chartedSignature) {
      panel.runs = visible; // states may have changed; the charts stay
      panel.liveBadge.hidden = !visible.some((r) => r.state === 'running');
      return;
    }
    chartedSignature = signature;
    await panel.setRuns(visible);
  }

  await refresh();
  const timer = setInterval(() => {
    if (!document.hidden && runs.some((r) => r.state === 'running')) refresh().catch(showError);
  }, REFRESH_MS);
  return () => { clearInterval(timer); panel.destroy(); };
}
