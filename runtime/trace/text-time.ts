/**
 * Times as logs write them, in milliseconds. A date-time without a zone is
 * read as UTC: the log does not say which zone it meant, and UTC keeps
 * reads reproducible on any machine.
 */

const DATE_TIME = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?$/;

/** `2024-01-01T10:00:00.123456Z`, `2024/01/01 10:00:00.123` → ms since the epoch (sub-ms digits kept). */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(base) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  return base + fractionMs(fraction) - zoneOffsetMs(zone);
}

/** `10:00:00.123` → ms since midnight. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = TIME_OF_DAY.exec(text.trim());
  if (m === null) return undefined;
  const [, h, mi, s, fraction] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  return ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + fractionMs(fraction);
}

/** A date-time or a time of day, whichever `text` is. */
export function parseLogTime(text: string): number | undefined {
  return parseDateTime(text) ?? parseTimeOfDay(text);
}

function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
