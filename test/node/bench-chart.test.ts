/** The bench's arithmetic (ratios, per-1k figures, loop extrapolation) and its SVG chart. */
import { describe, expect, it } from "vitest";
import {
  escapeXml,
  extrapolateLoop,
  formatMs,
  formatRatio,
  formatTick,
  logDomain,
  logScale,
  ratios,
  renderChart,
  roundTripsPer1000Users,
  type TaskBench,
  usersPerSecond,
} from "../../dev/bench/chart.ts";

const bench: TaskBench = {
  task: "fuel-monitoring",
  variants: [
    { key: "lowerBound", wallMs: 400, users: 18_000, sqlRoundTrips: 1, notifications: 5000 },
    { key: "engine", wallMs: 1200, users: 18_000, sqlRoundTrips: 40, notifications: 5000 },
    { key: "engineCold", wallMs: 2000, users: 18_000, sqlRoundTrips: 40, notifications: 5000 },
    {
      key: "perUserLoop",
      wallMs: 36_000,
      users: 18_000,
      sqlRoundTrips: 18_001,
      notifications: 560,
      sample: { users: 2000, wallMs: 4000, sqlRoundTrips: 2000 },
    },
  ],
};

describe("bench arithmetic", () => {
  it("derives users/s and SQL round trips per 1,000 users", () => {
    expect(usersPerSecond({ users: 18_000, wallMs: 1200 })).toBe(15_000);
    expect(roundTripsPer1000Users({ users: 18_000, sqlRoundTrips: 40 })).toBeCloseTo(2.222, 3);
    expect(roundTripsPer1000Users({ users: 18_000, sqlRoundTrips: 18_001 })).toBeCloseTo(1000.06, 2);
    // No users or no time: zero, not NaN or Infinity in the report.
    expect(usersPerSecond({ users: 5, wallMs: 0 })).toBe(0);
    expect(roundTripsPer1000Users({ users: 0, sqlRoundTrips: 3 })).toBe(0);
  });

  it("computes both ratios from the warm engine run, and the cold one apart", () => {
    const r = ratios(bench);
    expect(r.engineVsLowerBound).toBe(3);
    expect(r.loopVsEngine).toBe(30);
    expect(r.engineColdVsLowerBound).toBe(5);
    const withoutCold = { ...bench, variants: bench.variants.filter((v) => v.key !== "engineCold") };
    expect(ratios(withoutCold).engineColdVsLowerBound).toBeNull();
    expect(() => ratios({ ...bench, variants: bench.variants.slice(1) })).toThrow(/lowerBound/);
  });

  it("extrapolates the per-user loop linearly, without scaling the one-off id fetch", () => {
    const full = extrapolateLoop({
      totalUsers: 18_000,
      sampleUsers: 2000,
      sampleMs: 4000,
      sampleRoundTrips: 2000,
      fixedMs: 30,
      fixedRoundTrips: 1,
    });
    expect(full).toEqual({ wallMs: 36_030, sqlRoundTrips: 18_001 });
    // A sample of everyone is no extrapolation at all.
    expect(
      extrapolateLoop({ totalUsers: 10, sampleUsers: 10, sampleMs: 7, sampleRoundTrips: 10, fixedMs: 1, fixedRoundTrips: 1 }),
    ).toEqual({ wallMs: 8, sqlRoundTrips: 11 });
    expect(() =>
      extrapolateLoop({ totalUsers: 10, sampleUsers: 0, sampleMs: 0, sampleRoundTrips: 0, fixedMs: 0, fixedRoundTrips: 0 }),
    ).toThrow(RangeError);
  });

  it("formats durations and ratios for people", () => {
    expect(formatMs(3.25)).toBe("3.3 ms");
    expect(formatMs(840.4)).toBe("840 ms");
    expect(formatMs(3240)).toBe("3.24 s");
    expect(formatMs(42_000)).toBe("42.0 s");
    expect(formatMs(102_000)).toBe("1 min 42 s");
    expect([0.1, 10, 100, 1000, 10_000, 100_000].map(formatTick)).toEqual(["0.1 ms", "10 ms", "100 ms", "1 s", "10 s", "100 s"]);
    expect(formatRatio(3)).toBe("3.0×");
    expect(formatRatio(0.853)).toBe("0.85×");
    expect(formatRatio(30.4)).toBe("30×");
    expect(formatRatio(Number.NaN)).toBe("n/a");
  });
});

describe("bench chart", () => {
  it("spans whole decades on a log axis, at least one wide", () => {
    expect(logDomain([400, 1200, 36_000])).toEqual([100, 100_000]);
    expect(logDomain([100])).toEqual([10, 100]);
    expect(logDomain([])).toEqual([1, 10]);
    expect(logScale(100, [10, 1000], 0, 200)).toBeCloseTo(100);
    expect(logScale(1, [10, 1000], 0, 200)).toBe(0); // clamped
  });

  it("draws one labelled bar per variant, longer for slower, with the ratios and the extrapolation note", () => {
    const svg = renderChart([bench], { title: "PAM Edge benchmark", subtitle: "20,000 users & seed 42" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const widths = [...svg.matchAll(/<rect x="220" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(4);
    const [lower, engine, cold, loop] = widths as [number, number, number, number];
    expect(lower).toBeLessThan(engine);
    expect(engine).toBeLessThan(cold);
    expect(cold).toBeLessThan(loop);
    // Log axis: 3× (lower → engine) and 30× (engine → loop) differ by one decade in length.
    expect(loop - engine - (engine - lower)).toBeCloseTo(((Math.log10(30) - Math.log10(3)) / 3) * 480, 0);
    expect(svg).toContain("engine / lower bound = 3.0×");
    expect(svg).toContain("per-user loop / engine = 30×");
    expect(svg).toContain("36.0 s*");
    expect(svg).toContain("extrapolated linearly");
    expect(svg).toContain("15,000 users/s");
    expect(svg).toContain("&amp; seed 42"); // escaped
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("escapes XML", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });
});
