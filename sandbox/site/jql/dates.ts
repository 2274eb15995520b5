// JQL date values: the absolute formats Jira accepts ('yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd',
// 'yyyy-MM-dd'), relative periods ('-5d', '4w 2d', '-1h 30m'; units y, M, w, d, h, m) and the date functions
// (now(), startOfDay(), endOfMonth("-1"), ...). The sandbox evaluates every date in UTC, whatever the user's
// time zone: a documented simplification.

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

/** A date literal or period as an instant; undefined when it is neither. */
export function parseDateValue(text: string, now: number): number | undefined {
  const absolute = ABSOLUTE.exec(text.trim());
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    const check = new Date(ms);
    // Reject 2026-02-31 and friends rather than rolling them over.
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
    return ms;
  }
  return addPeriod(now, text);
}

type Unit = 'Day' | 'Week' | 'Month' | 'Year';
const DATE_FUNCTION = /^(start|end)Of(Day|Week|Month|Year)$/i;

/** The date functions; undefined when `name` is not one. Throws RangeError for a bad offset argument. */
export function evaluateDateFunction(name: string, args: string[], now: number): number | undefined {
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
  const d = new Date(base);
  let start: Date;
  let end: Date;
  switch (unit) {
    case 'Day':
      start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
      break;
    case 'Week': {
      // Weeks start on Sunday, as in Jira's default (en) locale.
      const first = d.getUTCDate() - d.getUTCDay();
      start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), first));
      end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), first + 7));
      break;
    }
    case 'Month':
      start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
      end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      break;
    case 'Year':
      start = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
      end = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
      break;
  }
  return edge === 'start' ? start.getTime() : end.getTime() - 1;
}
