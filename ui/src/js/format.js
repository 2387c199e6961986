// Formatting of times, durations, numbers and run states.

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${r}s`;
  return `${r}s`;
}

export function dateTime(unixSeconds) {
  if (!unixSeconds) return '';
  const d = new Date(unixSeconds * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A time from the artifact API (ISO 8601 in UTC, "2026-11-29T15:02:46", zone optional) shown as dateTime() does. */
export function isoDateTime(iso) {
  if (!iso) return '';
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? iso : dateTime(ms / 1000);
}

export function ago(unixSeconds) {
  if (!unixSeconds) return '';
  const seconds = Date.now() / 1000 - unixSeconds;
  return seconds < 60 ? 'just now' : `${duration(seconds).split(' ')[0]} ago`;
}

export function number(value) {
  if (typeof value !== 'number') return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(+value.toPrecision(5));
}

/** A short axis label: 0.0001 → 1e-4, 1234567 → 1.23e+6, 0.125 → 0.125. */
export function tick(value) {
  if (typeof value !== 'number' || !isFinite(value)) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return Number(value.toPrecision(3)).toExponential();
  return String(+value.toPrecision(6));
}

export function bytes(size) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (size >= 1024 && i < units.length - 1) { size /= 1024; i++; }
  return `${i ? size.toFixed(1) : size} ${units[i]}`;
}

export const STATE_CLASS = { running: 'state-running', finished: 'state-finished', failed: 'state-failed', crashed: 'state-crashed', preempting: 'state-crashed' };
