// The dashboard's REST calls. Every URL is relative to this server.

export class ApiError extends Error {}

async function check(response) {
  if (response.ok) return response;
  let message = `${response.status} ${response.statusText}`;
  try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
  throw new ApiError(message);
}

export async function getJson(url, signal) {
  return (await check(await fetch(url, { signal }))).json();
}

export async function send(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.body = JSON.stringify(body); init.headers['content-type'] = 'application/json'; }
  return check(await fetch(url, init));
}

/** Yields the objects of an NDJSON response as they arrive. */
export async function* ndjson(url, init = {}) {
  const response = await check(await fetch(url, init));
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) yield JSON.parse(line);
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered);
}

export async function ndjsonAll(url, init) {
  const items = [];
  for await (const item of ndjson(url, init)) items.push(item);
  return items;
}

const seg = encodeURIComponent;
export const runPath = (entity, project, run) => `/api/runs/${seg(entity)}/${seg(project)}/${seg(run)}`;
export const artifactPath = (entity, project) => `/api/artifacts/${seg(entity)}/${seg(project)}`;
export const pagePath = {
  project: (entity, project) => `/${seg(entity)}/${seg(project)}`,
  run: (entity, project, run) => `/${seg(entity)}/${seg(project)}/runs/${seg(run)}`,
  artifacts: (entity, project, collection, version) => `/${seg(entity)}/${seg(project)}/artifacts`
    + (collection ? `/${seg(collection)}` : '') + (collection && version ? `/${seg(version)}` : ''),
};
