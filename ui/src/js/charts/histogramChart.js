// A histogram metric over steps: a heat map per run (x: step, y: value, shade: share of the step's counts) and,
// under it, the distribution at the hovered step as bars.
import uPlot from '/ui/vendor/uPlot.esm.js';
import { el, clear } from '../dom.js';
import { ndjsonAll, runPath } from '../api.js';
import { number, tick } from '../format.js';

const MAX_RUNS = 3;
const HEIGHT = 140;

/** Bin edges and counts of a logged wandb.Histogram ({values, bins} or {values, packedBins: {min, size, count}}). */
export function binsOf(histogram) {
  const values = histogram?.values ?? [];
  let edges = histogram?.bins;
  const packed = histogram?.packedBins;
  if (!edges && packed) edges = Array.from({ length: packed.count + 1 }, (_, i) => packed.min + i * packed.size);
  if (!edges || edges.length < 2) return null;
  return { edges, counts: values.slice(0, edges.length - 1) };
}

export class HistogramCard {
  constructor(card, key, panel) {
    this.card = card;
    this.key = key;
    this.panel = panel;
    this.plots = [];
    card.append(el('div', { class: 'chart-title', title: key }, key));
  }

  async load() {
    const runs = this.panel.visibleRuns().slice(0, MAX_RUNS);
    for (const run of runs) {
      const steps = await ndjsonAll(`${runPath(this.panel.entity, this.panel.project, run.name)}/histograms?key=${encodeURIComponent(this.key)}&steps=120`);
      const usable = steps.map((s) => ({ step: s.step, bins: binsOf(s.histogram) })).filter((s) => s.bins);
      if (usable.length) this.drawRun(run, usable);
    }
  }

  drawRun(run, steps) {
    const width = Math.max(200, this.card.clientWidth - 16);
    const canvas = el('canvas', { width: String(width), height: String(HEIGHT), class: 'heatmap' });
    const info = el('div', { class: 'heatmap-info' }, `${run.displayName}: steps ${steps[0].step}–${steps[steps.length - 1].step}`);
    const distribution = el('div', { class: 'distribution' });
    this.card.append(el('div', { class: 'heatmap-run' }, info, canvas, distribution));

    let lo = Infinity, hi = -Infinity;
    for (const { bins } of steps) { lo = Math.min(lo, bins.edges[0]); hi = Math.max(hi, bins.edges[bins.edges.length - 1]); }
    const context = canvas.getContext('2d');
    const columnWidth = width / steps.length;
    const yOf = (v) => HEIGHT - ((v - lo) / (hi - lo || 1)) * HEIGHT;
    steps.forEach(({ bins }, i) => {
      const peak = Math.max(...bins.counts, 1);
      bins.counts.forEach((count, b) => {
        if (!count) return;
        const top = yOf(bins.edges[b + 1]), bottom = yOf(bins.edges[b]);
        context.fillStyle = `rgba(31, 119, 180, ${0.1 + 0.9 * (count / peak)})`;
        context.fillRect(i * columnWidth, top, Math.ceil(columnWidth), Math.max(1, bottom - top));
      });
    });

    let bars = null;
    const show = (i) => {
      const { step, bins } = steps[Math.min(steps.length - 1, Math.max(0, i))];
      info.textContent = `${run.displayName}: step ${step} · range ${number(lo)} … ${number(hi)}`;
      const centers = bins.counts.map((_, b) => (bins.edges[b] + bins.edges[b + 1]) / 2);
      bars?.destroy();
      this.plots = this.plots.filter((p) => p !== bars);
      clear(distribution);
      bars = new uPlot({
        width, height: 110, legend: { show: false }, cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: () => [bins.edges[0], bins.edges[bins.edges.length - 1]] } },
        series: [{}, { label: `step ${step}`, stroke: run.color, fill: run.color + '66', paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false } }],
        axes: [{ values: (u, t) => t.map(tick) }, { size: 48, values: (u, t) => t.map(tick) }],
      }, [centers, bins.counts], distribution);
      this.plots.push(bars);
    };
    canvas.addEventListener('mousemove', (e) => show(Math.floor(e.offsetX / columnWidth)));
    show(steps.length - 1);
  }

  destroy() { this.plots.forEach((p) => p.destroy()); this.plots = []; }
}
