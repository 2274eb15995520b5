// JQL date values: the absolute formats Jira accepts ('yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd',
// 'yyyy-MM-dd'), relative periods ('-5d', '4w 2d', '-1h 30m'; units y, M, w, d, h, m) and the date functions
// (now(), startOfDay(), endOfMonth("-1"), ...). As in Jira, absolute dates and the start/end of a day, week,
// month or year are read in the searcher's time zone (their profile's `timeZone`): "2026/11/30 10:15" from a user
// in Berlin is 09:15 UTC. Periods are durations from now, so they mean the same in every zone.

const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([+-])?\s*((?:\d+\s*[yMwdhm]\s*)+)$/;
const PERIOD_PART = /(\d+)\s*([yMwdhm])/g;

export const DATE_FORMAT_HINT =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/** Adds a JQL period (`-5d`, `4w 2d`) to an instant; undefined when the text is not a period. */
export function addPeriod(from: number, text: string): number | undefined {
  const match = PERIOD.exec(text.trim());
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const date = new Date(from);
  for (const part of (match[2] ?? '').matchAll(PERIOD_PART)) {
    const amount = sign * Number(part[1]);
    switch (part[2]) {
      case 'y':
        date.setUTCFullYear(date.getUTCFullYear() + amount);
        break;
      case 'M':
        date.setUTCMonth(date.getUTCMonth() + amount);
        break;
      case 'w':
        date.setUTCDate(date.getUTCDate() + 7 * amount);
        break;
      case 'd':
        date.setUTCDate(date.getUTCDate() + amount);
        break;
      case 'h':
        date.setUTCHours(date.getUTCHours() + amount);
        break;
      case 'm':
        date.setUTCMinutes(date.getUTCMinutes() + amount);
        break;
    }
  }
  return date.getTime();
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` at an instant. */
function wallTime(ms: number, timeZone: string): WallTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun'),
  };
}

/** The instant a wall-clock time in `timeZone` names (Date.UTC-style overflow of day and month allowed). */
function instantOf(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => {
    const w = wallTime(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return second;
}

/** A date literal or period as an instant; undefined when it is neither. */
export function parseDateValue(text: string, now: number, timeZone = 'UTC'): number | undefined {
  const absolute = ABSOLUTE.exec(text.trim());
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    // Reject 2026-02-31 and friends rather than rolling them over.
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
    return instantOf(timeZone, Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0));
  }
  return addPeriod(now, text);
}

type Unit = 'Day' | 'Week' | 'Month' | 'Year';
const DATE_FUNCTION = /^(start|end)Of(Day|Week|Month|Year)$/i;

/** The date functions; undefined when `name` is not one. Throws RangeError for a bad offset argument. */
export function evaluateDateFunction(
  name: string,
  args: string[],
  now: number,
  timeZone = 'UTC',
): number | undefined {
  if (name.toLowerCase() === 'now') return now;
  const match = DATE_FUNCTION.exec(name);
  if (!match) return undefined;
  const edge = (match[1] ?? 'start').toLowerCase();
  const unit = (match[2] ?? 'Day') as Unit;
  let base = now;
  const offset = args[0];
  if (offset !== undefined && offset.trim() !== '') {
    // A bare number ("-1") counts in the function's own unit.
    const unitLetter = { Day: 'd', Week: 'w', Month: 'M', Year: 'y' }[unit];
    const text = /^[+-]?\d+$/.test(offset.trim()) ? `${offset.trim()}${unitLetter}` : offset;
    const moved = addPeriod(now, text);
    if (moved === undefined) throw new RangeError(`invalid offset '${offset}'`);
    base = moved;
  }
  const d = wallTime(base, timeZone);
  let start: number;
  let end: number;
  switch (unit) {
    case 'Day':
      start = instantOf(timeZone, d.year, d.month, d.day);
      end = instantOf(timeZone, d.year, d.month, d.day + 1);
      break;
    case 'Week': {
      // Weeks start on Sunday, as in Jira's default (en) locale.
      const first = d.day - d.weekday;
      start = instantOf(timeZone, d.year, d.month, first);
      end = instantOf(timeZone, d.year, d.month, first + 7);
      break;
    }
    case 'Month':
      start = instantOf(timeZone, d.year, d.month, 1);
      end = instantOf(timeZone, d.year, d.month + 1, 1);
      break;
    case 'Year':
      start = instantOf(timeZone, d.year, 1, 1);
      end = instantOf(timeZone, d.year + 1, 1, 1);
      break;
  }
  return edge === 'start' ? start : end - 1;
}
