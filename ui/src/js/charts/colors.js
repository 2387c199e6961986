// One colour per run: a stable default from the run's name, or the one the user picked (kept in localStorage).

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#e6550d', '#31a354', '#843c39', '#7b4173', '#3182bd', '#fd8d3c', '#74c476', '#de9ed6', '#636363'];

const storageKey = (entity, project) => `worb.colors.${entity}/${project}`;

export function runColors(entity, project) {
  let chosen = {};
  try { chosen = JSON.parse(localStorage.getItem(storageKey(entity, project)) ?? '{}'); } catch { chosen = {}; }
  return {
    of(run) {
      if (chosen[run]) return chosen[run];
      let hash = 0;
      for (const c of run) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
      return PALETTE[hash % PALETTE.length];
    },
    set(run, color) {
      chosen[run] = color;
      localStorage.setItem(storageKey(entity, project), JSON.stringify(chosen));
    },
  };
}

/** '#rrggbb' with an alpha, for bands and faint raw lines. */
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
