/**
 * The fuel-monitoring rule computed independently of the task's SQL: plain TypeScript over
 * raw rows, written from the rule's text in SPEC §7. Tests compare the task's notifications
 * with this, user by user.
 */
export interface Rows {
  profiles: { id: string; status: string }[];
  vehicles: {
    id: string;
    user_id: string;
    is_primary: boolean;
    tank_capacity_l: number | null;
    fuel_economy_l_per_100km: number | null;
  }[];
  fuelLogs: {
    id: string;
    vehicle_id: string;
    filled_at: string;
    liters: number;
    odometer_km: number;
    full_tank: boolean;
    lat: number | null;
    lng: number | null;
  }[];
  readings: { vehicle_id: string; odometer_km: number; recorded_at: string; lat: number | null; lng: number | null }[];
  stations: { id: string; name: string; lat: number; lng: number }[];
}

export interface ExpectedAlert {
  userId: string;
  kind: "fuel_low" | "fuel_critical";
  priority: "normal" | "high";
  dedupeKey: string;
  fuelPercent: number;
  estimatedLiters: number;
  rangeKm: number;
  stations: { id: string; distanceKm: number }[];
}

const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

export function greatCircleKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

export function expectedFuelAlerts(rows: Rows, slot: Date): { alerts: Map<string, ExpectedAlert>; skipped: number; scanned: number } {
  const t = (s: string) => new Date(s).getTime();
  const cutoff = slot.getTime();
  const active = rows.profiles.filter((p) => p.status === "active");
  const alerts = new Map<string, ExpectedAlert>();
  let skipped = 0;
  for (const user of active) {
    const vehicle = rows.vehicles.find((v) => v.user_id === user.id && v.is_primary);
    if (!vehicle || vehicle.tank_capacity_l == null || vehicle.fuel_economy_l_per_100km == null) {
      skipped++;
      continue;
    }
    const logs = rows.fuelLogs.filter((f) => f.vehicle_id === vehicle.id && t(f.filled_at) <= cutoff);
    const fulls = logs.filter((f) => f.full_tank).sort((a, b) => t(b.filled_at) - t(a.filled_at) || (b.id < a.id ? -1 : 1));
    const anchor = fulls[0];
    if (!anchor) {
      skipped++;
      continue;
    }
    const readings = rows.readings.filter((r) => r.vehicle_id === vehicle.id && t(r.recorded_at) <= cutoff);
    // Current odometer: the most recent of readings and fill-ups.
    const events = [
      ...readings.map((r) => ({ at: t(r.recorded_at), km: r.odometer_km, lat: r.lat, lng: r.lng })),
      ...logs.map((f) => ({ at: t(f.filled_at), km: f.odometer_km, lat: f.lat, lng: f.lng })),
    ].sort((a, b) => b.at - a.at || b.km - a.km);
    const current = events[0]!.km;
    const topUps = logs
      .filter((f) => !f.full_tank && t(f.filled_at) > t(anchor.filled_at))
      .reduce((sum, f) => sum + f.liters, 0);
    const cap = vehicle.tank_capacity_l;
    const econ = vehicle.fuel_economy_l_per_100km;
    const liters = Math.min(cap, Math.max(0, cap - ((current - anchor.odometer_km) * econ) / 100 + topUps));
    const percent = (liters / cap) * 100;
    if (percent >= 20) continue;
    const kind = percent < 10 ? "fuel_critical" : "fuel_low";
    const position = events.find((e) => e.lat != null && e.lng != null);
    const stations = position
      ? rows.stations
          .map((s) => ({ id: s.id, distanceKm: greatCircleKm(position.lat!, position.lng!, s.lat, s.lng) }))
          .filter((s) => s.distanceKm <= 50)
          .sort((a, b) => a.distanceKm - b.distanceKm)
          .slice(0, 3)
      : [];
    alerts.set(user.id, {
      userId: user.id,
      kind,
      priority: kind === "fuel_critical" ? "high" : "normal",
      dedupeKey: `${kind}:${anchor.id}`,
      fuelPercent: percent,
      estimatedLiters: liters,
      rangeKm: (liters / econ) * 100,
      stations,
    });
  }
  return { alerts, skipped, scanned: active.length };
}
