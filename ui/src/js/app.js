// The dashboard's single page: client-side routing over the paths the server answers with index.html.
import { el, clear } from './dom.js';
import { renderProjects } from './pages/projects.js';
import { renderWorkspace } from './pages/workspace.js';
import { renderRun } from './pages/run.js';
import { renderSql } from './pages/sql.js';
import { renderArtifacts } from './pages/artifacts.js';
import { pagePath } from './api.js';

const page = document.getElementById('page');
const crumbs = document.getElementById('crumbs');
let cleanup = null;

function route(pathname) {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { render: renderProjects, params: {}, title: 'Projects' };
  if (parts.length === 1 && parts[0] === 'sql') return { render: renderSql, params: {}, title: 'SQL console' };
  if (parts.length === 2) return { render: renderWorkspace, params: { entity: parts[0], project: parts[1] }, title: parts[1] };
  if (parts.length === 4 && parts[2] === 'runs') {
    return { render: renderRun, params: { entity: parts[0], project: parts[1], run: parts[3] }, title: parts[3] };
  }
  if (parts.length >= 3 && parts.length <= 5 && parts[2] === 'artifacts') {
    const [entity, project, , collection, version] = parts;
    const title = collection ? `${collection}${version ? `:${version}` : ''}` : `${project} artifacts`;
    return { render: renderArtifacts, params: { entity, project, collection, version, section: 'artifacts' }, title };
  }
  return null;
}

function breadcrumbs({ entity, project, run, collection, version, section }) {
  clear(crumbs);
  if (entity) crumbs.append(el('span', {}, entity), ' / ');
  if (project) crumbs.append(el('a', { href: pagePath.project(entity, project), 'data-link': true }, project));
  if (run) crumbs.append(' / ', el('span', {}, run));
  if (section === 'artifacts') crumbs.append(' / ', el('a', { href: pagePath.artifacts(entity, project), 'data-link': true }, 'artifacts'));
  if (collection) crumbs.append(' / ', el('a', { href: pagePath.artifacts(entity, project, collection), 'data-link': true }, collection));
  if (collection && version) crumbs.append(':', el('span', {}, version));
  if (project && section !== 'artifacts') {
    crumbs.append(el('a', { href: pagePath.artifacts(entity, project), 'data-link': true, class: 'crumb-artifacts' }, 'Artifacts'));
  }
}

async function show() {
  if (cleanup) { cleanup(); cleanup = null; }
  clear(page);
  const target = route(location.pathname);
  if (!target) {
    page.append(el('p', { class: 'empty' }, 'Nothing here. ', el('a', { href: '/', 'data-link': true }, 'Projects')));
    return;
  }
  document.title = `${target.title} · Worb`;
  breadcrumbs(target.params);
  try {
    cleanup = await target.render(page, target.params, { navigate }) ?? null;
  } catch (error) {
    page.append(el('p', { class: 'error' }, String(error.message ?? error)));
  }
}

export function navigate(url) {
  history.pushState(null, '', url);
  show();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', show);
show();
