// One chart: one metric, every visible run overlaid. The server buckets the x range into about as many buckets as
// the chart is wide; each bucket gives the line (its last value) and a band (its min and max).
import uPlot from '/ui/vendor/uPlot.esm.js';
import { el, clear } from '../dom.js';
import { ndjson } from '../api.js';
import { smooth } from './smoothing.js';
import { withAlpha } from './colors.js';
import { duration, number, tick } from '../format.js';

const HEIGHT = 220;

export class MetricChart {
  constructor(card, key, panel) {
    this.card = card;
    this.key = key;
    this.panel = panel;
    this.series = new Map(); // run name -> { x, y, min, max, lastStep }
    this.plot = null;
    this.body = el('div', { class: 'chart-body' });
    this.tooltip = el('div', { class: 'tooltip', hidden: true });
    this.status = el('div', { class: 'chart-status' });
    card.append(el('div', { class: 'chart-title', title: key }, key), this.body, this.status, this.tooltip);
    this.loading = null;
  }

  width() {
    return Math.max(200, Math.floor(this.card.clientWidth - 16));
  }

  /** Fetches the whole (or zoomed) range again and redraws. */
  async load() {
    const runs = this.panel.visibleRuns();
    const range = this.panel.range;
    const token = (this.loading = {});
    const series = new Map();
    if (runs.length > 0) {
      const url = this.panel.historyUrl(runs.map((r) => r.name), this.key, this.width(), range);
      for await (const s of ndjson(url)) series.set(s.run, s);
    }
    if (token !== this.loading) return; // a newer load started
    this.series = series;
    this.redraw(true);
  }

  /** Live update: fetches only the steps after what the chart has, for the runs that are still running. */
  async appendNew(runNames) {
    if (this.panel.range || !this.plot) return;
    const byCursor = new Map();
    for (const name of runNames) {
      const last = this.series.get(name)?.lastStep ?? -1;
      if (!byCursor.has(last)) byCursor.set(last, []);
      byCursor.get(last).push(name);
    }
    let changed = false;
    for (const [afterStep, names] of byCursor) {
      const url = this.panel.historyUrl(names, this.key, this.width(), null, afterStep);
      for await (const fresh of ndjson(url)) {
        if (fresh.x.length === 0) continue;
        const known = this.series.get(fresh.run);
        if (!known) { this.series.set(fresh.run, fresh); changed = true; continue; }
        const lastX = known.x.length ? known.x[known.x.length - 1] : -Infinity;
        for (let i = 0; i < fresh.x.length; i++) {
          if (fresh.x[i] <= lastX) continue;
          known.x.push(fresh.x[i]); known.y.push(fresh.y[i]); known.min.push(fresh.min[i]); known.max.push(fresh.max[i]);
        }
        known.lastStep = fresh.lastStep;
        changed = true;
      }
    }
    if (!changed) return;
    const tooMany = [...this.series.values()].some((s) => s.x.length > 2 * this.width());
    if (tooMany) await this.load(); else this.redraw(false);
  }

  redraw(rebuild) {
    const runs = this.panel.visibleRuns().filter((r) => this.series.get(r.name)?.x.length);
    this.status.textContent = runs.length ? '' : 'No data for the visible runs.';
    if (!runs.length) { this.destroyPlot(); return; }
    const data = this.buildData(runs);
    if (!rebuild && this.plot && this.plotRuns === runs.map((r) => r.name + r.color).join()) {
      this.plot.setData(data);
      return;
    }
    this.destroyPlot();
    this.plotRuns = runs.map((r) => r.name + r.color).join();
    this.plot = new uPlot(this.options(runs), data, this.body);
    if (this.panel.range) this.plot.setScale('x', { min: this.panel.range[0], max: this.panel.range[1] });
  }

  buildData(runs) {
    const { logY, smoothing, amount } = this.panel.settings;
    const keep = (v) => (v === null || v === undefined || (logY && v <= 0) ? null : v);
    this.lines = [];
    const tables = runs.map((run) => {
      const s = this.series.get(run.name);
      const y = s.y.map(keep);
      const smoothed = smooth(smoothing, amount, s.x, y);
      this.lines.push({ run, x: s.x, y: smoothing === 'none' ? y : smoothed });
      return [s.x, s.min.map(keep), s.max.map(keep), y, smoothed];
    });
    return uPlot.join(tables);
  }

  options(runs) {
    const { xKey, logY, smoothing } = this.panel.settings;
    const smoothed = smoothing !== 'none';
    const series = [{ label: xKey }];
    const bands = [];
    runs.forEach((run, i) => {
      const base = 1 + i * 4;
      const hidden = { stroke: 'transparent', width: 0, points: { show: false }, spanGaps: true };
      series.push({ ...hidden, label: `${run.displayName} min` });
      series.push({ ...hidden, label: `${run.displayName} max` });
      series.push({ label: run.displayName, stroke: smoothed ? withAlpha(run.color, 0.3) : run.color, width: 1.25, spanGaps: true, points: { show: false } });
      series.push({ label: `${run.displayName} (smoothed)`, stroke: run.color, width: 1.75, spanGaps: true, show: smoothed, points: { show: false } });
      bands.push({ series: [base + 1, base], fill: withAlpha(run.color, 0.12) });
    });
    const time = xKey === '_timestamp';
    return {
      width: this.width(),
      height: HEIGHT,
      series,
      bands,
      legend: { show: false },
      scales: { x: { time }, y: logY ? { distr: 3 } : {} },
      axes: [
        { values: xKey === '_runtime' ? (u, ticks) => ticks.map((t) => duration(t)) : undefined, size: 36 },
        { size: 56, values: (u, ticks) => ticks.map((t) => tick(t)) },
      ],
      cursor: {
        sync: { key: this.panel.syncKey, setSeries: false },
        drag: { x: true, y: false, setScale: false },
        points: { size: 5 },
      },
      hooks: {
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => this.showTooltip(u)],
        ready: [(u) => {
          u.over.addEventListener('dblclick', () => this.panel.zoom(null));
          u.over.addEventListener('mouseenter', () => { this.hovered = true; });
          u.over.addEventListener('mouseleave', () => { this.hovered = false; this.tooltip.hidden = true; });
        }],
      },
    };
  }

  onSelect(u) {
    if (u.select.width < 4) return;
    const min = u.posToVal(u.select.left, 'x');
    const max = u.posToVal(u.select.left + u.select.width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.panel.zoom([min, max]);
  }

  /** Each run's value at its point nearest the cursor (runs are bucketed apart, so their x values differ). */
  showTooltip(u) {
    const idx = u.cursor.idx;
    // The crosshair is synced across charts; the values are listed only on the chart under the mouse.
    if (!this.hovered || idx === null || idx === undefined || u.cursor.left < 0) { this.tooltip.hidden = true; return; }
    const x = u.data[0][idx];
    const rows = (this.lines ?? []).map(({ run, x: xs, y }) => ({ run, value: xs.length && x >= xs[0] && x <= xs[xs.length - 1] ? y[nearest(xs, x)] : null }))
      .filter((r) => r.value !== null && r.value !== undefined)
      .sort((a, b) => b.value - a.value).slice(0, 12);
    if (!rows.length) { this.tooltip.hidden = true; return; }
    const xText = this.panel.settings.xKey === '_timestamp' ? new Date(x * 1000).toLocaleString()
      : this.panel.settings.xKey === '_runtime' ? duration(x) : number(x);
    clear(this.tooltip).append(el('div', { class: 'tooltip-x' }, `${this.panel.settings.xKey}: ${xText}`),
      ...rows.map((r) => el('div', {}, el('span', { class: 'swatch', style: { background: r.run.color } }), ` ${r.run.displayName}: `, el('b', {}, number(r.value)))));
    this.tooltip.hidden = false;
    const left = u.cursor.left + 60;
    this.tooltip.style.left = `${left > this.card.clientWidth - 200 ? left - 240 : left}px`;
    this.tooltip.style.top = '28px';
  }

  resize() {
    if (this.plot) this.plot.setSize({ width: this.width(), height: HEIGHT });
  }

  destroyPlot() {
    if (this.plot) { this.plot.destroy(); this.plot = null; }
    clear(this.body);
  }

  destroy() {
    this.loading = null;
    this.destroyPlot();
  }
}

/** Index of the value in ascending `xs` closest to `x`. */
function nearest(xs, x) {
  let lo = 0, hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x) ? lo - 1 : lo;
}
