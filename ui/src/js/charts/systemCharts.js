// System metrics (CPU, memory, disk, network, GPU) from the runs' wandb-events.jsonl, one chart per metric over
// relative time, every run overlaid.
import uPlot from '/ui/vendor/uPlot.esm.js';
import { el, clear } from '../dom.js';
import { ndjsonAll, runPath } from '../api.js';
import { duration, tick } from '../format.js';

const MAX_RUNS = 20;

export class SystemCharts {
  constructor(holder, panel) {
    this.holder = holder;
    this.panel = panel;
    this.plots = [];
    this.byKey = new Map();
  }

  async load() {
    const runs = this.panel.visibleRuns().slice(0, MAX_RUNS);
    const byKey = new Map();
    await Promise.all(runs.map(async (run) => {
      const series = await ndjsonAll(`${runPath(this.panel.entity, this.panel.project, run.name)}/system?buckets=300`);
      for (const s of series) {
        if (!byKey.has(s.key)) byKey.set(s.key, []);
        byKey.get(s.key).push({ run, x: s.x, y: s.y });
      }
    }));
    this.byKey = byKey;
    this.redraw();
  }

  redraw() {
    this.destroyPlots();
    clear(this.holder);
    const needle = this.panel.settings.search.trim().toLowerCase();
    const keys = [...this.byKey.keys()].filter((k) => !needle || k.toLowerCase().includes(needle) || 'system'.includes(needle)).sort();
    if (!keys.length) { this.holder.append(el('p', { class: 'empty' }, 'No system metrics.')); return; }
    for (const key of keys) {
      const lines = this.byKey.get(key);
      const card = el('div', { class: 'chart-card system-card', dataset: { key } }, el('div', { class: 'chart-title' }, key.replace(/^system\./, '')));
      this.holder.append(card);
      const data = uPlot.join(lines.map((l) => [l.x, l.y]));
      const width = Math.max(200, card.clientWidth - 16);
      this.plots.push(new uPlot({
        width, height: 160,
        legend: { show: false },
        series: [{}, ...lines.map((l) => ({ label: l.run.displayName, stroke: l.run.color, width: 1.25, spanGaps: true, points: { show: false } }))],
        axes: [{ values: (u, ticks) => ticks.map((t) => duration(t)) }, { size: 56, values: (u, ticks) => ticks.map((t) => tick(t)) }],
        cursor: { drag: { x: false, y: false } },
      }, data, card));
    }
  }

  destroyPlots() {
    for (const plot of this.plots) plot.destroy();
    this.plots = [];
  }

  destroy() { this.destroyPlots(); }
}
