// SQL console: read-only queries over worb.db, run with Ctrl+Enter, results as a table.
import { el, clear } from '../dom.js';
import { ndjson } from '../api.js';
import { number } from '../format.js';

const EXAMPLE = `-- Read-only. Tables: projects, runs, metric_keys, history, history_lines, events_lines, log_lines, run_files, alerts.
SELECT p.name AS project, r.name AS run, r.state, r.history_line_count
FROM runs r JOIN projects p ON p.id = r.project_id
ORDER BY r.created_at DESC
LIMIT 100;`;

export function renderSql(page) {
  const editor = el('textarea', { class: 'sql-editor', spellcheck: 'false' });
  editor.value = sessionStorage.getItem('worb.sql') ?? EXAMPLE;
  const runButton = el('button', { class: 'primary run-sql' }, 'Run');
  const status = el('span', { class: 'sql-status muted' }, 'Ctrl+Enter runs the query.');
  const results = el('div', { class: 'sql-results' });
  page.append(el('h1', {}, 'SQL console'), editor, el('div', { class: 'sql-bar' }, runButton, status), results);

  let controller = null;
  const run = async () => {
    controller?.abort();
    controller = new AbortController();
    sessionStorage.setItem('worb.sql', editor.value);
    clear(results);
    status.classList.remove('error');
    status.textContent = 'Running…';
    const body = el('tbody');
    try {
      for await (const line of ndjson('/api/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: editor.value }), signal: controller.signal })) {
        if (Array.isArray(line)) {
          body.append(el('tr', {}, line.map((v) => el('td', { class: typeof v === 'number' ? 'num' : '' }, v === null ? el('span', { class: 'muted' }, 'NULL') : number(v)))));
        } else if (line.columns) {
          results.append(el('table', { class: 'grid sql-table' }, el('thead', {}, el('tr', {}, line.columns.map((c) => el('th', {}, c)))), body));
        } else if (line.error) {
          throw new Error(line.error);
        } else {
          status.textContent = `${line.rows} rows${line.truncated ? ' (truncated)' : ''} · ${Math.round(line.elapsedMs)} ms`;
        }
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      status.classList.add('error');
      status.textContent = String(error.message ?? error);
    }
  };
  runButton.addEventListener('click', run);
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  editor.focus();
  return () => controller?.abort();
}
