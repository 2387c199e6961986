// A project's artifacts: collections grouped by type beside either every collection, one collection's versions, or
// one version (aliases, metadata, files with download links, wandb.Tables rendered, the run that logged it and the
// runs that used it).
import { el } from '../dom.js';
import { getJson, artifactPath, pagePath } from '../api.js';
import { bytes, isoDateTime as isoDate } from '../format.js';
import { tree } from '../tree.js';
import { showTable } from '../tableView.js';

const seg = encodeURIComponent;
const TABLE_SUFFIX = '.table.json';

export async function renderArtifacts(page, { entity, project, collection, version }) {
  const base = artifactPath(entity, project);
  const aborter = new AbortController();
  const { types } = await getJson(base, aborter.signal);
  const listing = collection ? await getJson(`${base}/collections/${seg(collection)}`, aborter.signal) : null;
  const detail = collection && version
    ? await getJson(`${base}/collections/${seg(collection)}/versions/${seg(version)}`, aborter.signal) : null;

  const main = el('section', { class: 'artifact-main' });
  page.append(el('div', { class: 'artifacts' }, sidebar(entity, project, types, listing, detail), main));
  if (detail) versionDetail(main, detail, aborter.signal);
  else if (listing) versionList(main, entity, project, listing);
  else collectionList(main, entity, project, types);
  return () => aborter.abort();
}

const aliasTags = (aliases) => aliases.map((a) => el('span', { class: 'tag alias' }, a));
const runLink = (run) => el('a', { href: pagePath.run(run.entity, run.project, run.run), 'data-link': true, class: 'run-link' }, run.run);

function sidebar(entity, project, types, listing, detail) {
  const nav = el('nav', { class: 'artifact-nav' }, el('h2', {}, 'Artifacts'));
  if (!types.length) nav.append(el('p', { class: 'empty' }, 'This project has no artifacts yet.'));
  for (const type of types) {
    nav.append(el('div', { class: 'artifact-type', dataset: { type: type.name } }, el('h3', {}, type.name),
      el('ul', {}, type.collections.map((c) => {
        const selected = listing?.collection.name === c.name;
        return el('li', { class: selected ? 'selected' : null, dataset: { collection: c.name } },
          el('a', { href: pagePath.artifacts(entity, project, c.name), 'data-link': true }, c.name),
          el('span', { class: 'count' }, ` ${c.versionCount}`),
          selected ? el('ul', { class: 'nav-versions' }, listing.versions.map((v) => el('li', {
            class: detail?.artifact.id === v.id ? 'selected' : null, dataset: { version: v.version },
          }, el('a', { href: pagePath.artifacts(entity, project, c.name, v.version), 'data-link': true }, v.version), ' ',
          aliasTags(v.aliases.filter((a) => a !== v.version))))) : null);
      }))));
  }
  return nav;
}

function collectionList(main, entity, project, types) {
  main.append(el('h1', {}, 'Artifacts'));
  if (!types.length) { main.append(el('p', { class: 'empty' }, 'No artifacts logged in this project.')); return; }
  main.append(el('table', { class: 'grid collections' },
    el('thead', {}, el('tr', {}, ['Name', 'Type', 'Versions', 'Latest', 'Created', 'Description'].map((h) => el('th', {}, h)))),
    el('tbody', {}, types.flatMap((t) => t.collections.map((c) => el('tr', { class: 'collection-row', dataset: { collection: c.name } },
      el('td', {}, el('a', { href: pagePath.artifacts(entity, project, c.name), 'data-link': true }, c.name)),
      el('td', {}, t.name), el('td', { class: 'num' }, c.versionCount),
      el('td', {}, c.latestVersion ? el('a', { href: pagePath.artifacts(entity, project, c.name, c.latestVersion), 'data-link': true }, c.latestVersion) : ''),
      el('td', { class: 'nowrap' }, isoDate(c.createdAt)), el('td', {}, c.description ?? '')))))));
}

function versionList(main, entity, project, { collection, versions }) {
  main.append(el('h1', {}, collection.name, ' ', el('span', { class: 'tag' }, collection.type)));
  if (collection.description) main.append(el('p', {}, collection.description));
  main.append(el('table', { class: 'grid versions' },
    el('thead', {}, el('tr', {}, ['Version', 'Aliases', 'Size', 'Files', 'Logged by', 'Created'].map((h) => el('th', {}, h)))),
    el('tbody', {}, versions.map((v) => el('tr', { class: 'version-row', dataset: { version: v.version } },
      el('td', {}, el('a', { href: pagePath.artifacts(entity, project, collection.name, v.version), 'data-link': true }, v.version)),
      el('td', { class: 'aliases' }, aliasTags(v.aliases.filter((a) => a !== v.version))),
      el('td', { class: 'num' }, bytes(v.size)), el('td', { class: 'num' }, v.fileCount),
      el('td', {}, v.loggedBy ? runLink(v.loggedBy) : ''), el('td', { class: 'nowrap' }, isoDate(v.createdAt)))))));
}

function versionDetail(main, { artifact, files, usedBy }, signal) {
  const fields = [
    ['Type', artifact.type], ['Version', artifact.version], ['Aliases', aliasTags(artifact.aliases)],
    ['Size', bytes(artifact.size)], ['Files', artifact.fileCount], ['Digest', artifact.digest],
    ['Created', isoDate(artifact.createdAt)], ['Description', artifact.description],
  ];
  const tables = el('div', { class: 'artifact-tables' });
  main.append(
    el('h1', {}, `${artifact.collection}:${artifact.version}`, ' ', aliasTags(artifact.aliases.filter((a) => a !== artifact.version))),
    el('div', { class: 'overview' },
      el('section', {}, el('h2', {}, 'Version'), el('table', { class: 'grid fields' }, el('tbody', {},
        fields.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))))),
      el('section', { class: 'metadata' }, el('h2', {}, 'Metadata'), tree(artifact.metadata ?? {})),
      el('section', { class: 'lineage' }, el('h2', {}, 'Lineage'),
        el('h3', {}, 'Logged by'),
        el('p', { class: 'logged-by' }, artifact.loggedBy ? runLink(artifact.loggedBy) : el('span', { class: 'muted' }, 'no run')),
        el('h3', {}, 'Used by'),
        usedBy.length
          ? el('ul', { class: 'used-by' }, usedBy.map((u) => el('li', {}, runLink(u), u.usedAs ? el('span', { class: 'muted' }, ` as ${u.usedAs}`) : null)))
          : el('p', { class: 'muted used-by' }, 'No run used this version.'))),
    el('h2', { class: 'files-title' }, 'Files'),
    el('table', { class: 'grid artifact-files' },
      el('thead', {}, el('tr', {}, ['Path', 'Size', 'Digest'].map((h) => el('th', {}, h)))),
      el('tbody', {}, files.map((f) => el('tr', { class: 'file-row', dataset: { path: f.path } },
        el('td', {}, f.downloadUrl
          ? el('a', { href: f.downloadUrl, download: f.path.split('/').pop(), class: 'download' }, f.path)
          : el('span', {}, f.path)),
        el('td', { class: 'num' }, bytes(f.size)), el('td', { class: 'muted' }, f.ref ?? f.digest))))),
    tables);
  for (const file of files.filter((f) => f.path.endsWith(TABLE_SUFFIX) && f.downloadUrl && !f.ref)) {
    const holder = el('section', { class: 'table-panel', dataset: { path: file.path } });
    tables.append(holder);
    showTable(holder, file.path, file.downloadUrl, signal);
  }
}
