// Smoothing of a chart line (x ascending, y may hold nulls). `amount` is the one slider, 0 (off) to 0.99.

export const SMOOTHERS = {
  none: { label: 'No smoothing' },
  ema: { label: 'Exponential moving average' },
  twema: { label: 'Time-weighted EMA' },
  gaussian: { label: 'Gaussian' },
  average: { label: 'Running average' },
};

export function smooth(kind, amount, xs, ys) {
  if (kind === 'none' || !(amount > 0) || ys.length < 2) return ys;
  switch (kind) {
    case 'ema': return ema(xs, ys, amount, false);
    case 'twema': return ema(xs, ys, amount, true);
    case 'gaussian': return gaussian(xs, ys, amount);
    case 'average': return runningAverage(ys, Math.max(1, Math.round(amount * 50)));
    default: return ys;
  }
}

/** Debiased EMA (as W&B's): the first points are not pulled towards 0. Time-weighted: the decay follows x gaps. */
function ema(xs, ys, weight, timeWeighted) {
  const out = new Array(ys.length).fill(null);
  const [first, last] = finiteRange(xs);
  const step = timeWeighted && ys.length > 1 ? (last - first) / (ys.length - 1) || 1 : 1;
  let value = 0, debias = 0, previousX = null;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined || !isFinite(y)) continue;
    const w = timeWeighted && previousX !== null ? Math.pow(weight, (xs[i] - previousX) / step) : weight;
    value = value * w + (1 - w) * y;
    debias = debias * w + (1 - w);
    out[i] = value / debias;
    previousX = xs[i];
  }
  return out;
}

/** Gaussian kernel over x; sigma grows with the slider up to a tenth of the x range. Points beyond 3 sigma are ignored. */
function gaussian(xs, ys, amount) {
  const [first, last] = finiteRange(xs);
  const sigma = Math.max((last - first) * amount * 0.1, Number.EPSILON);
  const out = new Array(ys.length).fill(null);
  let lo = 0;
  for (let i = 0; i < ys.length; i++) {
    if (ys[i] === null || ys[i] === undefined) continue;
    while (xs[lo] < xs[i] - 3 * sigma) lo++;
    let sum = 0, weights = 0;
    for (let j = lo; j < ys.length && xs[j] <= xs[i] + 3 * sigma; j++) {
      const y = ys[j];
      if (y === null || y === undefined || !isFinite(y)) continue;
      const d = (xs[j] - xs[i]) / sigma;
      const w = Math.exp(-0.5 * d * d);
      sum += w * y;
      weights += w;
    }
    out[i] = weights > 0 ? sum / weights : null;
  }
  return out;
}

/** Mean of the last `window` values (a trailing window). */
function runningAverage(ys, window) {
  const out = new Array(ys.length).fill(null);
  const recent = [];
  let sum = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined || !isFinite(y)) continue;
    recent.push(y);
    sum += y;
    if (recent.length > window) sum -= recent.shift();
    out[i] = sum / recent.length;
  }
  return out;
}

function finiteRange(xs) {
  let first = Infinity, last = -Infinity;
  for (const x of xs) { if (isFinite(x)) { first = Math.min(first, x); last = Math.max(last, x); } }
  return first <= last ? [first, last] : [0, 0];
}
