// The charts beside the runs table (and on a run's page): a toolbar (metric search, x axis, log y, smoothing), one
// section per key prefix (train/, val/, ...), histograms and system metrics. Charts render when scrolled into view,
// share crosshair and zoom, and follow running runs by fetching only the steps they do not have yet.
import { el, clear, debounce } from '../dom.js';
import { getJson } from '../api.js';
import { MetricChart } from './metricChart.js';
import { HistogramCard } from './histogramChart.js';
import { SystemCharts } from './systemCharts.js';
import { SMOOTHERS } from './smoothing.js';

const LIVE_INTERVAL_MS = 4000;
const X_AXES = [['_step', 'Step'], ['_runtime', 'Relative time'], ['_timestamp', 'Wall time']];
let panelCount = 0;

export class ChartPanel {
  constructor(container, { entity, project }) {
    this.entity = entity;
    this.project = project;
    this.runs = [];
    this.keys = [];
    this.range = null;
    this.syncKey = `worb-charts-${++panelCount}`;
    this.settingsKey = `worb.charts.${entity}/${project}`;
    this.settings = { xKey: '_step', logY: false, smoothing: 'none', amount: 0.6, search: '', ...this.loadSettings() };
    this.charts = new Map(); // key -> MetricChart | HistogramCard
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '200px' });
    this.root = el('div', { class: 'chart-panel' });
    this.toolbar = this.buildToolbar();
    this.sections = el('div', { class: 'sections' });
    this.root.append(this.toolbar, this.sections);
    container.append(this.root);
    this.resizeObserver = new ResizeObserver(debounce(() => this.charts.forEach((c) => c.resize?.()), 150));
    this.resizeObserver.observe(this.sections);
    this.liveTimer = setInterval(() => this.followLive(), LIVE_INTERVAL_MS);
  }

  loadSettings() {
    try { return JSON.parse(localStorage.getItem(this.settingsKey) ?? '{}'); } catch { return {}; }
  }

  saveSettings() {
    const { search, ...kept } = this.settings;
    localStorage.setItem(this.settingsKey, JSON.stringify(kept));
  }

  visibleRuns() { return this.runs; }

  historyUrl(runNames, key, buckets, range, afterStep) {
    const q = new URLSearchParams({ project: `${this.entity}/${this.project}`, runs: runNames.join(','), key, buckets: String(buckets), x: this.settings.xKey });
    if (range) { q.set('xMin', String(range[0])); q.set('xMax', String(range[1])); }
    if (afterStep !== undefined && afterStep !== null) q.set('afterStep', String(afterStep));
    return `/api/history?${q}`;
  }

  buildToolbar() {
    const search = el('input', { type: 'search', placeholder: 'Search metrics', class: 'metric-search', value: this.settings.search });
    search.addEventListener('input', debounce(() => { this.settings.search = search.value; this.buildSections(); }, 200));
    this.xSelect = el('select', { class: 'x-axis', title: 'x axis' });
    this.xSelect.addEventListener('change', () => { this.settings.xKey = this.xSelect.value; this.saveSettings(); this.range = null; this.reloadAll(); });
    const logY = el('label', {}, el('input', { type: 'checkbox', class: 'log-y', checked: this.settings.logY }), ' log y');
    logY.firstChild.addEventListener('change', (e) => { this.settings.logY = e.target.checked; this.saveSettings(); this.redrawAll(); });
    const smoothing = el('select', { class: 'smoothing' },
      Object.entries(SMOOTHERS).map(([value, { label }]) => el('option', { value, selected: value === this.settings.smoothing }, label)));
    const amount = el('input', { type: 'range', min: '0', max: '0.99', step: '0.01', value: String(this.settings.amount), class: 'smoothing-amount', title: 'smoothing' });
    smoothing.addEventListener('change', () => { this.settings.smoothing = smoothing.value; this.saveSettings(); this.redrawAll(); });
    amount.addEventListener('input', debounce(() => { this.settings.amount = Number(amount.value); this.saveSettings(); this.redrawAll(); }, 100));
    this.resetZoom = el('button', { class: 'small', hidden: true, onclick: () => this.zoom(null) }, 'Reset zoom');
    this.liveBadge = el('span', { class: 'badge state-running live', hidden: true }, 'live');
    return el('div', { class: 'chart-toolbar' }, search, el('label', {}, 'x ', this.xSelect), logY, smoothing, amount, this.resetZoom, this.liveBadge);
  }

  fillXAxes() {
    clear(this.xSelect);
    const numeric = this.keys.filter((k) => k.kind === 'number' && !['_step', '_runtime', '_timestamp'].includes(k.key)).map((k) => [k.key, k.key]);
    for (const [value, label] of [...X_AXES, ...numeric]) {
      this.xSelect.append(el('option', { value, selected: value === this.settings.xKey }, label));
    }
    if (!this.xSelect.value || ![...this.xSelect.options].some((o) => o.value === this.settings.xKey)) this.settings.xKey = '_step';
    this.xSelect.value = this.settings.xKey;
  }

  /** The runs to chart changed (visibility, colours, filters): reload keys, sections and charts. */
  async setRuns(runs) {
    this.runs = runs;
    this.liveBadge.hidden = !runs.some((r) => r.state === 'running');
    this.keys = runs.length
      ? await getJson(`/api/keys?${new URLSearchParams({ project: `${this.entity}/${this.project}`, runs: runs.map((r) => r.name).join(',') })}`)
      : [];
    this.fillXAxes();
    this.buildSections();
  }

  buildSections() {
    for (const chart of this.charts.values()) chart.destroy();
    this.charts.clear();
    this.observer.disconnect();
    clear(this.sections);
    const needle = this.settings.search.trim().toLowerCase();
    const matches = (key) => !needle || key.toLowerCase().includes(needle);
    const groups = new Map();
    for (const { key, kind } of this.keys) {
      if (key.startsWith('_') || !matches(key)) continue;
      const section = kind === 'histogram' ? 'histograms' : kind === 'number' ? (key.includes('/') ? key.slice(0, key.indexOf('/')) : 'charts') : null;
      if (!section) continue;
      if (!groups.has(section)) groups.set(section, []);
      groups.get(section).push({ key, kind });
    }
    const order = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const name of order) {
      const grid = el('div', { class: 'chart-grid' });
      for (const { key, kind } of groups.get(name)) {
        const card = el('div', { class: 'chart-card', dataset: { key, kind } });
        grid.append(card);
        this.observer.observe(card);
      }
      this.sections.append(el('details', { open: true, class: 'section', dataset: { section: name } },
        el('summary', {}, `${name} `, el('span', { class: 'count' }, groups.get(name).length)), grid));
    }
    if (this.runs.length && (!needle || 'system'.includes(needle))) {
      const holder = el('div', { class: 'chart-grid system-grid' });
      const section = el('details', { open: true, class: 'section', dataset: { section: 'system' } }, el('summary', {}, 'system'), holder);
      this.sections.append(section);
      this.system?.destroy();
      this.system = new SystemCharts(holder, this);
      this.system.load();
    }
    if (!this.sections.childElementCount) {
      this.sections.append(el('p', { class: 'empty' }, this.runs.length ? 'No metrics match.' : 'No runs selected.'));
    }
  }

  onVisible(entries) {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const card = entry.target;
      this.observer.unobserve(card);
      const { key, kind } = card.dataset;
      const chart = kind === 'histogram' ? new HistogramCard(card, key, this) : new MetricChart(card, key, this);
      this.charts.set(key, chart);
      chart.load().catch((error) => card.append(el('div', { class: 'error' }, String(error.message ?? error))));
    }
  }

  zoom(range) {
    this.range = range;
    this.resetZoom.hidden = !range;
    for (const chart of this.charts.values()) if (chart instanceof MetricChart) chart.load();
  }

  reloadAll() {
    for (const chart of this.charts.values()) chart.load();
    this.system?.load();
  }

  redrawAll() {
    for (const chart of this.charts.values()) if (chart instanceof MetricChart) chart.redraw(true);
    this.system?.redraw();
  }

  async followLive() {
    const running = this.runs.filter((r) => r.state === 'running').map((r) => r.name);
    if (!running.length || document.hidden) return;
    for (const chart of this.charts.values()) {
      if (chart instanceof MetricChart) await chart.appendNew(running).catch(() => {});
    }
    await this.system?.load().catch(() => {});
  }

  destroy() {
    clearInterval(this.liveTimer);
    this.observer.disconnect();
    this.resizeObserver.disconnect();
    for (const chart of this.charts.values()) chart.destroy();
    this.system?.destroy();
  }
}

function rank(section) {
  return { train: 0, val: 1, charts: 2, histograms: 8 }[section] ?? 5;
}
