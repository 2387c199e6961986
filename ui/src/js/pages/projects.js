// Projects page: every project with its run count and last activity.
import { el } from '../dom.js';
import { getJson, send, pagePath } from '../api.js';
import { ago, dateTime } from '../format.js';

export async function renderProjects(page) {
  const projects = await getJson('/api/projects');
  page.append(el('h1', {}, 'Projects'));
  if (projects.length === 0) {
    page.append(el('p', { class: 'empty' }, 'No runs yet. Point wandb here: ',
      el('code', {}, `export WANDB_BASE_URL=${location.origin}`)));
    return;
  }
  const body = el('tbody');
  for (const project of projects) {
    const remove = el('button', { class: 'danger small', title: 'Delete the project and all its runs' }, 'Delete');
    remove.addEventListener('click', async () => {
      if (!confirm(`Delete project ${project.entity}/${project.name} and its ${project.runCount} runs? This cannot be undone.`)) return;
      await send('DELETE', `/api/projects/${encodeURIComponent(project.entity)}/${encodeURIComponent(project.name)}`);
      row.remove();
    });
    const row = el('tr', { class: 'project-row' },
      el('td', {}, el('a', { href: pagePath.project(project.entity, project.name), 'data-link': true, class: 'project-link' }, project.name)),
      el('td', {}, project.entity),
      el('td', { class: 'num' }, project.runCount),
      el('td', { class: 'num' }, project.runningCount ? el('span', { class: 'badge state-running' }, `${project.runningCount} running`) : ''),
      el('td', { title: dateTime(project.lastActivity) }, ago(project.lastActivity)),
      el('td', {}, dateTime(project.createdAt)),
      el('td', {}, remove));
    body.append(row);
  }
  page.append(el('table', { class: 'grid projects' },
    el('thead', {}, el('tr', {}, ['Project', 'Entity', 'Runs', 'Running', 'Last activity', 'Created', ''].map((h) => el('th', {}, h)))),
    body));
}
