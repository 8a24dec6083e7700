/**
 * The benchmark's arithmetic and its chart, kept pure (no I/O) so both are unit-tested:
 * derived figures (users/s, SQL round trips per 1,000 users), the two ratios of SPEC §9,
 * the linear extrapolation of a sampled per-user loop, and `renderChart` — a hand-written SVG
 * (no charting dependency for one picture).
 *
 * The chart uses a logarithmic time axis: the per-user loop is typically one or two orders of
 * magnitude slower than the set-based variants, and on a linear axis the bars that matter would
 * be invisible slivers.
 */

/** The variants of one task's sweep, in the order they are shown. */
export type VariantKey = "lowerBound" | "engine" | "engineCold" | "perUserLoop";

export const VARIANT_LABELS: Record<VariantKey, string> = {
  lowerBound: "one statement, all users",
  engine: "engine (workerd + queues)",
  engineCold: "engine, first run (cold)",
  perUserLoop: "per-user loop (Celery)",
};

export interface Variant {
  key: VariantKey;
  /** Wall time of a full sweep over every user, ms (extrapolated when `sample` is set). */
  wallMs: number;
  /** Users the rule looked at (active profiles). */
  users: number;
  /** SQL round trips to Postgres for the full sweep (extrapolated when `sample` is set). */
  sqlRoundTrips: number;
  /** Notifications the sweep created (for a sampled variant: those of the sample). */
  notifications: number;
  /** Set when the figures above are extrapolated from a timed sample of users. */
  sample?: { users: number; wallMs: number; sqlRoundTrips: number };
  /** Engine variants: what the run ledger recorded (D1), for reading the wall time. */
  run?: {
    runId: string;
    durationMs: number | null;
    queuedMs: number | null;
    sqlMs: number;
    pages: number;
    shards: number;
    retries: number;
  };
}

export interface TaskBench {
  task: string;
  variants: Variant[];
}

export interface Ratios {
  /** Engine wall time / lower bound: the price of sharding, paging, queues and the ledger. */
  engineVsLowerBound: number;
  /** Per-user loop / engine wall time: what the set-based engine saves over the old pattern. */
  loopVsEngine: number;
  /** The same as `engineVsLowerBound` for the first (cold) engine run, when there was one. */
  engineColdVsLowerBound: number | null;
}

export function usersPerSecond(v: Pick<Variant, "users" | "wallMs">): number {
  return v.wallMs > 0 ? v.users / (v.wallMs / 1000) : 0;
}

export function roundTripsPer1000Users(v: Pick<Variant, "users" | "sqlRoundTrips">): number {
  return v.users > 0 ? (v.sqlRoundTrips / v.users) * 1000 : 0;
}

/**
 * Full-sweep figures of a per-user loop timed on `sampleUsers` of `totalUsers`: per-user cost
 * times the user count, plus the one-off `fixed` part (fetching the id list), which is not
 * per user and therefore not scaled.
 */
export function extrapolateLoop(input: {
  totalUsers: number;
  sampleUsers: number;
  sampleMs: number;
  sampleRoundTrips: number;
  fixedMs: number;
  fixedRoundTrips: number;
}): { wallMs: number; sqlRoundTrips: number } {
  if (input.sampleUsers <= 0) throw new RangeError("the loop sample is empty");
  const scale = input.totalUsers / input.sampleUsers;
  return {
    wallMs: input.fixedMs + input.sampleMs * scale,
    sqlRoundTrips: input.fixedRoundTrips + Math.round(input.sampleRoundTrips * scale),
  };
}

function variant(task: TaskBench, key: VariantKey): Variant | undefined {
  return task.variants.find((v) => v.key === key);
}

export function ratios(task: TaskBench): Ratios {
  const need = (key: VariantKey) => {
    const v = variant(task, key);
    if (!v) throw new Error(`${task.task}: no ${key} measurement`);
    return v;
  };
  const lower = need("lowerBound");
  const engine = need("engine");
  const loop = need("perUserLoop");
  const cold = variant(task, "engineCold");
  return {
    engineVsLowerBound: engine.wallMs / lower.wallMs,
    loopVsEngine: loop.wallMs / engine.wallMs,
    engineColdVsLowerBound: cold ? cold.wallMs / lower.wallMs : null,
  };
}

/** "840 ms", "3.2 s", "1 min 42 s". */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Axis labels at powers of ten: "10 ms", "1 s", "100 s" (no spurious decimals). */
export function formatTick(ms: number): string {
  if (ms < 1) return `${Number(ms.toPrecision(1))} ms`;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toPrecision(3))} s`;
}

/** "3.2×", "14×", "0.85×". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return "n/a";
  return `${r >= 10 ? Math.round(r) : r.toFixed(r >= 1 ? 1 : 2)}×`;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");

function formatRoundTrips(perK: number): string {
  return perK >= 10 ? fmtInt(perK) : perK.toFixed(perK >= 1 ? 1 : 2);
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`);
}

/** Decade bounds [10^a, 10^b] around every value, at least one decade wide. */
export function logDomain(values: number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [1, 10];
  let lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  if (hi <= lo) lo = hi - 1;
  return [10 ** lo, 10 ** hi];
}

/** Position of `v` on a log axis spanning `domain` mapped onto [x0, x1]; values outside are clamped. */
export function logScale(v: number, domain: [number, number], x0: number, x1: number): number {
  const [lo, hi] = domain;
  const t = (Math.log10(Math.min(Math.max(v, lo), hi)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  return x0 + t * (x1 - x0);
}

const COLORS: Record<VariantKey, string> = {
  lowerBound: "#6b7280",
  engine: "#2563eb",
  engineCold: "#93c5fd",
  perUserLoop: "#dc2626",
};

export interface ChartMeta {
  title: string;
  subtitle?: string;
}

/** A horizontal bar chart, one group per task, time on a log axis, each bar labelled. */
export function renderChart(tasks: TaskBench[], meta: ChartMeta): string {
  const width = 980;
  const labelX = 16;
  const x0 = 220;
  const x1 = 700;
  const rowH = 30;
  const barH = 18;
  const groupHeader = 30;
  const groupFooter = 26;
  const top = meta.subtitle ? 70 : 52;

  const domain = logDomain(tasks.flatMap((t) => t.variants.map((v) => v.wallMs)));
  const out: string[] = [];
  let y = top;
  let anySampled = false;

  for (const task of tasks) {
    out.push(`<text x="${labelX}" y="${y + 18}" class="task">${escapeXml(task.task)}</text>`);
    y += groupHeader;
    for (const v of task.variants) {
      const w = Math.max(1, logScale(v.wallMs, domain, x0, x1) - x0);
      const star = v.sample ? "*" : "";
      anySampled ||= Boolean(v.sample);
      const detail = `${formatMs(v.wallMs)}${star} · ${fmtInt(usersPerSecond(v))} users/s · ${formatRoundTrips(roundTripsPer1000Users(v))} SQL RT/1k users`;
      out.push(
        `<text x="${labelX}" y="${y + 14}" class="label">${escapeXml(VARIANT_LABELS[v.key])}</text>`,
        `<rect x="${x0}" y="${y + 1}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[v.key]}"><title>${escapeXml(`${VARIANT_LABELS[v.key]}: ${detail}`)}</title></rect>`,
        `<text x="${(x0 + w + 6).toFixed(1)}" y="${y + 14}" class="value">${escapeXml(detail)}</text>`,
      );
      y += rowH;
    }
    const hasAll = ["lowerBound", "engine", "perUserLoop"].every((k) => task.variants.some((v) => v.key === k));
    if (hasAll) {
      const r = ratios(task);
      const text = `engine / lower bound = ${formatRatio(r.engineVsLowerBound)}   ·   per-user loop / engine = ${formatRatio(r.loopVsEngine)}`;
      out.push(`<text x="${x0}" y="${y + 14}" class="ratio">${escapeXml(text)}</text>`);
    }
    y += groupFooter;
  }

  // Decade gridlines and their labels under the last group.
  const axisY = y;
  const grid: string[] = [];
  for (let d = domain[0]; d <= domain[1] * 1.0001; d *= 10) {
    const x = logScale(d, domain, x0, x1).toFixed(1);
    grid.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${axisY}" class="grid"/>`,
      `<text x="${x}" y="${axisY + 16}" class="tick">${escapeXml(formatTick(d))}</text>`,
    );
  }
  let height = axisY + 30;
  const notes: string[] = [`<text x="${labelX}" y="${height}" class="note">wall time per full sweep, log scale</text>`];
  if (anySampled) {
    height += 16;
    notes.push(
      `<text x="${labelX}" y="${height}" class="note">* extrapolated linearly from a timed sample of users</text>`,
    );
  }
  height += 14;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    "<style>",
    ".title{font-size:18px;font-weight:600;fill:#111827}.subtitle{font-size:12px;fill:#4b5563}",
    ".task{font-size:15px;font-weight:600;fill:#111827}.label{font-size:12px;fill:#111827}",
    ".value{font-size:11px;fill:#374151}.ratio{font-size:12px;font-weight:600;fill:#1f2937}",
    ".grid{stroke:#e5e7eb;stroke-width:1}.tick{font-size:10px;fill:#6b7280;text-anchor:middle}.note{font-size:11px;fill:#6b7280}",
    "</style>",
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${labelX}" y="28" class="title">${escapeXml(meta.title)}</text>`,
    meta.subtitle ? `<text x="${labelX}" y="48" class="subtitle">${escapeXml(meta.subtitle)}</text>` : "",
    ...grid,
    ...out,
    ...notes,
    "</svg>",
    "",
  ]
    .filter(Boolean)
    .join("\n");
}
