/**
 * Schedule math, pure: which slots of a cron schedule fall in a time interval, and when it
 * fires next. Slots are whole minutes; `scheduledTime` from Cron Triggers is such a slot.
 */
import { Cron } from "croner";

const MINUTE = 60_000;

const cache = new Map<string, Cron>();
function cron(schedule: string, timezone: string): Cron {
  const key = `${timezone}|${schedule}`;
  let c = cache.get(key);
  if (!c) {
    c = new Cron(schedule, { timezone, paused: true });
    cache.set(key, c);
  }
  return c;
}

/** The minute slot containing `t`. */
export function minuteSlot(t: Date | number): Date {
  const ms = typeof t === "number" ? t : t.getTime();
  return new Date(Math.floor(ms / MINUTE) * MINUTE);
}

/** Does the schedule fire at this minute? */
export function firesAt(schedule: string, timezone: string, slot: Date): boolean {
  return cron(schedule, timezone).match(minuteSlot(slot));
}

/**
 * Slots in (after, until], oldest first, at most `limit` of them (the newest are kept when
 * there are more). `after` null means only `until` itself is considered.
 */
export function slotsBetween(
  schedule: string,
  timezone: string,
  after: Date | null,
  until: Date,
  limit = 1000,
): Date[] {
  const end = minuteSlot(until);
  if (!after) return firesAt(schedule, timezone, end) ? [end] : [];
  // previousRuns walks back from a reference (exclusive): check `end` itself first, then step
  // back one slot at a time so the cost is the number of slots in the window, not `limit`.
  const newestFirst = firesAt(schedule, timezone, end) ? [end] : [];
  let ref = end;
  while (newestFirst.length < limit) {
    const [d] = cron(schedule, timezone).previousRuns(1, ref);
    if (!d || d.getTime() <= after.getTime()) break;
    ref = minuteSlot(d);
    newestFirst.push(ref);
  }
  return newestFirst.reverse();
}

/** The next `n` fire times strictly after `from`. */
export function nextFireTimes(schedule: string, timezone: string, from: Date, n: number): Date[] {
  return cron(schedule, timezone).nextRuns(n, from);
}
