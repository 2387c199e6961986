// A run's page: overview (metadata, config tree, summary), its charts and system metrics, console log, files (a
// logged wandb.Table shown on demand), the artifacts it logged and used; stop (while running) and delete.
import { el, clear, debounce } from '../dom.js';
import { getJson, ndjsonAll, send, runPath, pagePath, artifactPath } from '../api.js';
import { bytes, dateTime, duration, isoDateTime, number, STATE_CLASS } from '../format.js';
import { runColors } from '../charts/colors.js';
import { ChartPanel } from '../charts/chartPanel.js';
import { SystemCharts } from '../charts/systemCharts.js';
import { tree } from '../tree.js';
import { showTable } from '../tableView.js';

const FOLLOW_MS = 2000;
const PAGE_LINES = 5000;

export async function renderRun(page, { entity, project, run: name }, { navigate }) {
  const base = runPath(entity, project, name);
  const run = await getJson(base);
  const cleanups = [];
  const actions = el('div', { class: 'actions' });
  if (run.state === 'running') {
    const stop = el('button', { class: 'stop-run' }, run.stopped ? 'Stop requested' : 'Stop run');
    stop.disabled = run.stopped;
    stop.addEventListener('click', async () => {
      if (!confirm(`Stop run ${run.displayName}? Its client is told to stop.`)) return;
      await send('POST', `${base}/stop`);
      stop.textContent = 'Stop requested';
      stop.disabled = true;
    });
    actions.append(stop);
  }
  const remove = el('button', { class: 'danger delete-run' }, 'Delete run');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete run ${run.displayName} with its history, console and files? This cannot be undone.`)) return;
    await send('DELETE', base);
    navigate(pagePath.project(entity, project));
  });
  actions.append(remove);

  page.append(el('div', { class: 'run-header' },
    el('h1', {}, run.displayName, ' ', el('span', { class: `badge ${STATE_CLASS[run.state] ?? ''}` }, run.state)),
    el('span', { class: 'muted' }, name), actions));

  const tabs = { overview: 'Overview', charts: 'Charts', system: 'System', logs: 'Console', files: 'Files', artifacts: 'Artifacts' };
  const shown = { name, displayName: run.displayName, color: runColors(entity, project).of(name), state: run.state };
  const content = el('div', { class: 'tab-content' });
  const nav = el('nav', { class: 'tabs' });
  page.append(nav, content);
  const renderers = {
    overview: () => overview(content, run, `/files/${[entity, project, name].map(encodeURIComponent).join('/')}/`),
    charts: () => {
      const panel = new ChartPanel(content, { entity, project });
      panel.setRuns([shown]);
      return () => panel.destroy();
    },
    system: async () => {
      const holder = el('div', { class: 'chart-grid system-grid' });
      content.append(holder);
      const system = new SystemCharts(holder, { entity, project, visibleRuns: () => [shown], settings: { search: '' } });
      await system.load();
      return () => system.destroy();
    },
    logs: () => consoleLog(content, base, run),
    files: () => files(content, base),
    artifacts: () => artifacts(content, entity, project, name),
  };
  let current = null;
  const select = (tab) => {
    current?.();
    current = null;
    clear(content);
    nav.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
    history.replaceState(null, '', `${location.pathname}${tab === 'overview' ? '' : `#${tab}`}`);
    Promise.resolve(renderers[tab]()).then((c) => { current = c ?? null; })
      .catch((error) => content.append(el('p', { class: 'error' }, String(error.message ?? error))));
  };
  for (const [tab, label] of Object.entries(tabs)) nav.append(el('button', { dataset: { tab }, onclick: () => select(tab) }, label));
  select(tabs[location.hash.slice(1)] ? location.hash.slice(1) : 'overview');
  cleanups.push(() => current?.());
  return () => cleanups.forEach((c) => c());
}

function overview(content, run, filesBase) {
  const fields = [
    ['State', el('span', { class: `badge ${STATE_CLASS[run.state] ?? ''}` }, run.state)],
    ['Run', run.name], ['Host', run.host], ['Program', run.program], ['Created', dateTime(run.createdAt)],
    ['Runtime', duration(run.runtimeSeconds)], ['Tags', run.tags.map((t) => el('span', { class: 'tag' }, t))],
    ['Group', run.group], ['Job type', run.jobType], ['Notes', run.notes], ['Commit', run.commit], ['Repository', run.repo],
    ['Exit code', run.exitCode], ['History lines', run.historyLineCount], ['Console lines', run.logLineCount],
  ];
  const details = el('table', { class: 'grid fields' }, el('tbody', {},
    fields.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))));
  const summaryRows = Object.entries(run.summary).filter(([k]) => !k.startsWith('_')).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => el('tr', { dataset: { key: k } }, el('th', {}, k), el('td', { class: 'num' }, summaryValue(k, v))));
  const viewer = el('section', { class: 'summary-table', hidden: true });
  const aborter = new AbortController();
  function summaryValue(key, value) {
    if (value?._type === 'table-file' && typeof value.path === 'string') {
      const url = filesBase + value.path.split('/').map(encodeURIComponent).join('/');
      return el('button', { class: 'small view-table', onclick: () => showTable(viewer, key, url, aborter.signal) }, 'View table');
    }
    return value && typeof value === 'object' ? (value._type ?? 'object') : number(value);
  }
  content.append(el('div', { class: 'overview' },
    el('section', {}, el('h2', {}, 'Run'), details),
    el('section', { class: 'config' }, el('h2', {}, 'Config'), tree(run.config)),
    el('section', { class: 'summary' }, el('h2', {}, 'Summary'), el('table', { class: 'grid' }, el('tbody', {}, summaryRows)))),
    viewer);
  return () => aborter.abort();
}

function consoleLog(content, base, run) {
  const search = el('input', { type: 'search', placeholder: 'Search the console', class: 'log-search' });
  const follow = el('input', { type: 'checkbox', checked: run.state === 'running', class: 'log-follow' });
  const status = el('span', { class: 'muted' });
  const lines = el('div', { class: 'log' });
  const more = el('button', { class: 'small log-more', hidden: true }, 'Load more');
  content.append(el('div', { class: 'log-toolbar' }, search, el('label', {}, follow, ' follow'), status, more), lines);
  let last = -1;
  let shown = 0;
  let busy = false;
  const fetchMore = async () => {
    if (busy) return;
    busy = true;
    try {
      const q = new URLSearchParams({ after: String(last), limit: String(PAGE_LINES) });
      if (search.value) q.set('q', search.value);
      const fresh = await ndjsonAll(`${base}/logs?${q}`);
      for (const line of fresh) {
        lines.append(el('div', { class: line.stream === 1 ? 'log-line stderr' : 'log-line' },
          el('span', { class: 'line-no' }, line.line + 1), line.text));
        last = line.line;
      }
      shown += fresh.length;
      more.hidden = fresh.length < PAGE_LINES;
      status.textContent = `${shown} lines${search.value ? ' matching' : ''}`;
      if (fresh.length && follow.checked) lines.scrollTop = lines.scrollHeight;
    } finally {
      busy = false;
    }
  };
  more.addEventListener('click', () => fetchMore());
  search.addEventListener('input', debounce(() => { last = -1; shown = 0; clear(lines); fetchMore(); }, 250));
  const timer = setInterval(() => { if (follow.checked && !document.hidden) fetchMore().catch(() => {}); }, FOLLOW_MS);
  fetchMore();
  return () => clearInterval(timer);
}

async function files(content, base) {
  const list = await getJson(`${base}/files`);
  if (!list.length) { content.append(el('p', { class: 'empty' }, 'No files.')); return undefined; }
  const viewer = el('div', { class: 'file-viewer' });
  const aborter = new AbortController();
  content.append(el('table', { class: 'grid files' },
    el('thead', {}, el('tr', {}, ['Name', 'Size', 'Updated', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, list.map((f) => el('tr', { dataset: { file: f.name } },
      el('td', {}, el('a', { href: f.url, download: f.name.split('/').pop() }, f.name)),
      el('td', { class: 'num' }, bytes(f.size)), el('td', {}, dateTime(f.updatedAt)),
      el('td', {}, f.name.endsWith('.table.json') ? el('button', { class: 'small view-table', onclick: () => showTable(viewer, f.name, f.url, aborter.signal) }, 'View table') : null))))),
  viewer);
  return () => aborter.abort();
}

async function artifacts(content, entity, project, name) {
  const { logged, used } = await getJson(`${artifactPath(entity, project)}/runs/${encodeURIComponent(name)}`);
  const section = (title, className, list, empty) => el('section', { class: className }, el('h2', {}, title), list.length
    ? el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['Artifact', 'Type', 'Aliases', 'Size', 'Created'].map((h) => el('th', {}, h)))),
      el('tbody', {}, list.map((a) => el('tr', { class: 'artifact-row', dataset: { artifact: `${a.collection}:${a.version}` } },
        el('td', {}, el('a', { href: pagePath.artifacts(entity, project, a.collection, a.version), 'data-link': true }, `${a.collection}:${a.version}`)),
        el('td', {}, a.type), el('td', {}, a.aliases.filter((x) => x !== a.version).map((x) => el('span', { class: 'tag alias' }, x))),
        el('td', { class: 'num' }, bytes(a.size)), el('td', { class: 'nowrap' }, isoDateTime(a.createdAt))))))
    : el('p', { class: 'empty' }, empty));
  content.append(el('div', { class: 'run-artifacts' },
    section('Logged artifacts', 'logged-artifacts', logged, 'This run logged no artifacts.'),
    section('Used artifacts', 'used-artifacts', used, 'This run used no artifacts.')));
}
