/**
 * fuel-monitoring — every 5 minutes.
 *
 * Rule (SPEC §7): for each active profile's primary vehicle with a known tank capacity and
 * economy, the anchor is the latest full-tank fill-up, and
 *   estimated litres = capacity − (current odometer − anchor odometer) × economy / 100
 *                      + litres of non-full fill-ups after the anchor,   clamped to [0, capacity]
 * where the current odometer is that of the most recent odometer reading or fill-up.
 * Below 20 % → `fuel_low` (normal); below 10 % → `fuel_critical` (high). A user gets the
 * notification of the level they are in; each kind at most once per fill-up cycle:
 *   dedupe key = `<kind>:<anchor fill-up id>`.
 * `data` carries fuelPercent, estimatedLiters, rangeKm and up to 3 fuel stations within 50 km
 * of the last known position (latest reading or fill-up with a position), nearest first, by
 * great-circle distance. No anchor (or no capacity/economy) → no estimate: counted as skipped.
 * Only readings and fill-ups at or before the run's slot count, so a run is a function of its
 * slot (time travel and replays see what the slot saw).
 *
 * Cost: one SQL statement per page — estimate, stations and the insert are CTEs of a single
 * query — so a page of 500 users is one round trip.
 */
import { sql } from "drizzle-orm";
import type { PageResult, TaskContext, TaskModule, UserPage } from "./types.ts";

export const LOW_PERCENT = 20;
export const CRITICAL_PERCENT = 10;
export const STATION_RADIUS_KM = 50;
export const MAX_STATIONS = 3;
/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
/** A little more than 50 km in degrees of latitude: the bounding box that pre-filters stations. */
const BOX_DEGREES = 0.46;
const ALERT_TTL = "3 days";

type PageRow = {
  users: number;
  last_user_id: string | null;
  estimated: number;
  created: number;
};

export const fuelMonitoring: TaskModule = {
  name: "fuel-monitoring",
  async runPage(ctx: TaskContext, page: UserPage): Promise<PageResult> {
    const slot = ctx.slot.toISOString();
    const result = await ctx.db.execute<PageRow>(sql`
      with page as (
        select p.id as user_id
        from profiles p
        where p.status = 'active'
          and p.id >= ${page.range.lower}::uuid
          and (${page.range.upper}::uuid is null or p.id < ${page.range.upper}::uuid)
          and (${page.cursor}::uuid is null or p.id > ${page.cursor}::uuid)
        order by p.id
        limit ${page.limit}::int
      ),
      vehicle as (
        select v.id, v.user_id, v.tank_capacity_l as capacity, v.fuel_economy_l_per_100km as economy
        from vehicles v
        join page on page.user_id = v.user_id
        where v.is_primary and v.tank_capacity_l is not null and v.fuel_economy_l_per_100km is not null
      ),
      estimate as (
        select vehicle.*, anchor.id as anchor_id, pos.lat, pos.lng,
               least(vehicle.capacity, greatest(0,
                 vehicle.capacity
                 - (coalesce(cur.odometer_km, anchor.odometer_km) - anchor.odometer_km) * vehicle.economy / 100
                 + topup.liters)) as liters
        from vehicle
        join lateral (
          select f.id, f.odometer_km, f.filled_at from fuel_logs f
          where f.vehicle_id = vehicle.id and f.full_tank and f.filled_at <= ${slot}::timestamptz
          order by f.filled_at desc, f.id desc limit 1
        ) anchor on true
        cross join lateral (
          select coalesce(sum(f.liters), 0) as liters from fuel_logs f
          where f.vehicle_id = vehicle.id and not f.full_tank
            and f.filled_at > anchor.filled_at and f.filled_at <= ${slot}::timestamptz
        ) topup
        left join lateral (
          select x.odometer_km from (
            (select r.odometer_km, r.recorded_at as at from odometer_readings r
              where r.vehicle_id = vehicle.id and r.recorded_at <= ${slot}::timestamptz
              order by r.recorded_at desc, r.odometer_km desc limit 1)
            union all
            (select f.odometer_km, f.filled_at from fuel_logs f
              where f.vehicle_id = vehicle.id and f.filled_at <= ${slot}::timestamptz
              order by f.filled_at desc, f.odometer_km desc limit 1)
          ) x order by x.at desc, x.odometer_km desc limit 1
        ) cur on true
        left join lateral (
          -- Ties in time: the higher odometer, then the reading before the fill-up.
          select x.lat, x.lng from (
            (select r.lat, r.lng, r.recorded_at as at, r.odometer_km, 0 as source from odometer_readings r
              where r.vehicle_id = vehicle.id and r.lat is not null and r.lng is not null
                and r.recorded_at <= ${slot}::timestamptz
              order by r.recorded_at desc, r.odometer_km desc limit 1)
            union all
            (select f.lat, f.lng, f.filled_at, f.odometer_km, 1 from fuel_logs f
              where f.vehicle_id = vehicle.id and f.lat is not null and f.lng is not null
                and f.filled_at <= ${slot}::timestamptz
              order by f.filled_at desc, f.odometer_km desc limit 1)
          ) x order by x.at desc, x.odometer_km desc, x.source limit 1
        ) pos on true
      ),
      alert as (
        select e.*, e.liters / e.capacity * 100 as percent,
               case when e.liters / e.capacity * 100 < ${CRITICAL_PERCENT}::float8 then 'fuel_critical' else 'fuel_low' end as kind
        from estimate e
        where e.liters / e.capacity * 100 < ${LOW_PERCENT}::float8
      ),
      stations as (
        select alert.user_id, coalesce(jsonb_agg(jsonb_build_object(
                 'id', s.id, 'name', s.name, 'lat', s.lat, 'lng', s.lng, 'distanceKm', round(s.km::numeric, 1))
                 order by s.km) filter (where s.id is not null), '[]'::jsonb) as list
        from alert
        left join lateral (
          select st.id, st.name, st.lat, st.lng, d.km
          from fuel_stations st
          cross join lateral (select 2 * ${EARTH_RADIUS_KM}::float8 * asin(sqrt(
              power(sin(radians(st.lat - alert.lat) / 2), 2)
              + cos(radians(alert.lat)) * cos(radians(st.lat)) * power(sin(radians(st.lng - alert.lng) / 2), 2)
            )) as km) d
          where alert.lat is not null
            and st.lat between alert.lat - ${BOX_DEGREES}::float8 and alert.lat + ${BOX_DEGREES}::float8
            and st.lng between alert.lng - ${BOX_DEGREES}::float8 / greatest(cos(radians(alert.lat)), 0.01)
                           and alert.lng + ${BOX_DEGREES}::float8 / greatest(cos(radians(alert.lat)), 0.01)
            and d.km <= ${STATION_RADIUS_KM}::float8
          order by d.km
          limit ${MAX_STATIONS}::int
        ) s on true
        group by alert.user_id
      ),
      inserted as (
        insert into notifications (user_id, kind, priority, title, body, data, dedupe_key, created_at, expires_at)
        select a.user_id, a.kind,
               case when a.kind = 'fuel_critical' then 'high' else 'normal' end,
               format('Fuel %s: about %s%% left', case when a.kind = 'fuel_critical' then 'critical' else 'low' end, round(a.percent::numeric)),
               format('Roughly %s L in the tank, enough for about %s km.', round(a.liters::numeric), round((a.liters / a.economy * 100)::numeric)),
               jsonb_build_object(
                 'fuelPercent', round(a.percent::numeric, 1),
                 'estimatedLiters', round(a.liters::numeric, 1),
                 'rangeKm', round((a.liters / a.economy * 100)::numeric),
                 'vehicleId', a.id,
                 'anchorFillUpId', a.anchor_id,
                 'stations', s.list),
               a.kind || ':' || a.anchor_id,
               ${slot}::timestamptz,
               ${slot}::timestamptz + interval '${sql.raw(ALERT_TTL)}'
        from alert a join stations s on s.user_id = a.user_id
        on conflict (dedupe_key) do nothing
        returning 1
      )
      select (select count(*) from page)::int as users,
             (select user_id from page order by user_id desc limit 1) as last_user_id,
             (select count(*) from estimate)::int as estimated,
             (select count(*) from inserted)::int as created
    `);
    const row = result.rows[0]!;
    return {
      users: row.users,
      actions: row.created,
      skipped: row.users - row.estimated,
      nextCursor: row.users < page.limit ? null : row.last_user_id,
    };
  },
};
