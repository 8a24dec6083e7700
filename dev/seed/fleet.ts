/**
 * The synthetic PAM fleet: pure, deterministic generation of every user's rows (no I/O).
 *
 * `generateFleet({ seed, from, to, anchor })` returns the rows of users [from, to). User i draws
 * only from its own random stream (seed, "user", i), and cross-user rows (groups) from streams
 * of their own, so the same seed and anchor always give identical rows and a user's rows never
 * depend on how the range is chunked. `anchor` is "now" for the data: every history is before
 * it, plans after it.
 *
 * Engineered cases. Each dimension below is assigned through `Slots`: in every block of 100
 * consecutive users each case occurs exactly its percentage of times (independently shuffled
 * per dimension), so 2,000 users hold every case 20× its percentage — not left to chance.
 *
 * STATUS  active 91 · inactive 6 · deleted 3; inactive_low / deleted_low below force theirs,
 *   and the low / critical cases are always active so their alert counts stay exact.
 *
 * FUEL (primary vehicle; estimate per SPEC §7: capacity − (current odo − anchor odo) × economy/100
 *       + litres of non-full fill-ups after the anchor, clamped to [0, capacity])
 *   ok                  35  estimate 25–95 %, odometer readings newer than the last fill-up
 *   ok_fill_newest       8  the anchor full fill-up is the newest event (readings older): 100 %
 *   overfull             1  a top-up after the anchor exceeds what was burnt: clamped to capacity
 *   low                 12  11.5–18.5 %
 *   low_partial          5  11.5–18.5 % with 1–2 partial fill-ups after the anchor
 *   low_partial_newest   3  11.5–18.5 %, the newest event is a partial fill-up (readings older)
 *   critical             8  2–8.5 %
 *   critical_partial     3  2–8.5 % with partial fill-ups after the anchor
 *   empty                2  drove past the tank: clamped to 0 %
 *   no_anchor            5  partial fill-ups only, never a full tank: skipped
 *   no_fillups           4  odometer readings only: skipped
 *   no_capacity          3  low fuel, but the vehicle has no tank capacity: not estimated
 *   no_economy           3  low fuel, but the vehicle has no fuel economy: not estimated
 *   inactive_low         3  critical, profile inactive: must not be alerted
 *   deleted_low          2  low, profile deleted: must not be alerted
 *   secondary_low        3  primary fine, the second (non-primary) vehicle critical: no alert
 *   Also: 25 % of all users have a second vehicle; its events all precede the primary's anchor.
 *   12 % have fill-ups over 2 years old (fuel-log-archival), never in the no-anchor cases.
 *
 * POSITION (last known position of the primary vehicle)
 *   near 55 (within ~3 km of a town, every town has a station) · corridor 20 (anywhere along a
 *   highway) · far 12 (remote locality > 80 km from any highway, so no station within 50 km) ·
 *   stale 8 (newest event has no position; an older one does) · none 5 (no event has a position)
 *
 * BUDGET  none 30 · total only 25 · categories only 20 · total + categories 25.
 *   The headline budget (total, else the first category) sits in band: under 25 (10–45 %) ·
 *   mid 25 (55–76 %) · p80 12 (82–88 %) · p90 10 (91.5–93.5 %) · p95 10 (96–99 %) · over 18
 *   (103–160 %); other budgets draw a band with the same weights. Month-to-date spend is dated
 *   within the user's local month at the anchor. 10 % of users have expenses over 2 years old.
 *
 * MAINTENANCE (due dates relative to the anchor's UTC date; odometer to the current one)
 *   none 8 · later 40 · due_soon_date 12 (due in 1–5 days) · due_soon_km 8 (within 100–450 km) ·
 *   overdue_date 12 (3–60 days ago) · overdue_km 6 (100–2,500 km past) · overdue_critical 6 ·
 *   mixed 8 (one overdue + one due soon). Every user with items also has a later item and 1–2
 *   completed ones. About half the due items are stored with a stale status (`scheduled`).
 *
 * TRIPS  none 12 · soon_2h 3 (planned, starts in 20–110 min) · soon_24h 5 (in 3–23.5 h) ·
 *   within_14d 22 (in 1.2–13 days) · later 10 (in 16–90 days) · active 15 · completed 28 (one
 *   finished in the last 2 weeks, uncompressed) · cancelled 5. Plus 1–2 older completed trips
 *   for 70 % of users (compressed when finished over 45 days ago, mostly).
 *
 * CALENDAR  none 40 · within_2h 4 · within_24h 8 (3–23.5 h) · upcoming 28 (1.2–30 days) · past 20
 *
 * USAGE  active users: 0–8 PAM interactions over the 48 h before the anchor; the hour starting
 *   3 h before the anchor's hour is an incident (30 % errors, ~3.5× latency). 6 % of users also
 *   have interactions 91–150 days old. Sessions: 40 % expired. TTS cache: 40 % of users add 1–2
 *   entries last used 0–120 days ago. Conversations: 12 % have one idle for over a year.
 *   Recommendations: ~35 % expired. Old notifications for 20 % of users, half expired.
 *
 * PROFILES  timezones: Australia 76 % (Sydney, Melbourne, Brisbane, Adelaide, Perth, Darwin,
 *   Hobart, Broken_Hill, Lindeman, Eucla, Lord_Howe), New Zealand 9 % (Auckland, Chatham),
 *   US 7 %, UK 8 %. Digest opt-in 45 % at assorted local times (some off the 15-minute grid).
 *   Email opt-in ~88 %, SMS opt-in ~25 % (all with a fictional phone number).
 *
 * COMMUNITY  one group per 50 users (owned by user 50·b); 70 % of users join their block's
 *   group, 15 % also the previous block's; posts over the last 30 days, some in the last day.
 */
import type * as schema from "../../src/db/pg/schema.ts";
import type { BudgetCategory, ExpenseCategory, Importance, MaintenanceStatus, ProfileStatus } from "../../src/db/pg/schema.ts";
import {
  AU_CORRIDORS,
  bounce,
  type Corridor,
  distanceKm,
  jitter,
  NZ_CORRIDORS,
  pointAlong,
  REMOTE_PLACES,
  type Town,
} from "./corridors.ts";
import { percentTable, Rng, Slots } from "./random.ts";

export type ProfileRow = typeof schema.profiles.$inferInsert;
export type VehicleRow = typeof schema.vehicles.$inferInsert;
export type OdometerReadingRow = typeof schema.odometerReadings.$inferInsert;
export type FuelLogRow = typeof schema.fuelLogs.$inferInsert;
export type ExpenseRow = typeof schema.expenses.$inferInsert;
export type BudgetRow = typeof schema.budgets.$inferInsert;
export type MaintenanceRecordRow = typeof schema.maintenanceRecords.$inferInsert;
export type TripRow = typeof schema.trips.$inferInsert;
export type CalendarEventRow = typeof schema.calendarEvents.$inferInsert;
export type GroupRow = typeof schema.groups.$inferInsert;
export type GroupMemberRow = typeof schema.groupMembers.$inferInsert;
export type GroupPostRow = typeof schema.groupPosts.$inferInsert;
export type PamInteractionRow = typeof schema.pamInteractions.$inferInsert;
export type UserSessionRow = typeof schema.userSessions.$inferInsert;
export type TtsAudioCacheRow = typeof schema.ttsAudioCache.$inferInsert;
export type ConversationRow = typeof schema.conversations.$inferInsert;
export type RecommendationRow = typeof schema.recommendations.$inferInsert;
export type NotificationRow = typeof schema.notifications.$inferInsert;

/** Rows per table, keyed by the table's export name in src/db/pg/schema.ts, in FK order. */
export interface FleetRows {
  profiles: ProfileRow[];
  vehicles: VehicleRow[];
  groups: GroupRow[];
  groupMembers: GroupMemberRow[];
  groupPosts: GroupPostRow[];
  odometerReadings: OdometerReadingRow[];
  fuelLogs: FuelLogRow[];
  expenses: ExpenseRow[];
  budgets: BudgetRow[];
  maintenanceRecords: MaintenanceRecordRow[];
  trips: TripRow[];
  calendarEvents: CalendarEventRow[];
  pamInteractions: PamInteractionRow[];
  userSessions: UserSessionRow[];
  ttsAudioCache: TtsAudioCacheRow[];
  conversations: ConversationRow[];
  recommendations: RecommendationRow[];
  notifications: NotificationRow[];
}

export const FLEET_TABLES = [
  "profiles",
  "vehicles",
  "groups",
  "groupMembers",
  "groupPosts",
  "odometerReadings",
  "fuelLogs",
  "expenses",
  "budgets",
  "maintenanceRecords",
  "trips",
  "calendarEvents",
  "pamInteractions",
  "userSessions",
  "ttsAudioCache",
  "conversations",
  "recommendations",
  "notifications",
] as const satisfies readonly (keyof FleetRows)[];

// ─── case tables ───────────────────────────────────────────────────────────────────────

export const STATUS_CASES = percentTable<ProfileStatus>([
  ["active", 91],
  ["inactive", 6],
  ["deleted", 3],
]);

export type FuelCase =
  | "ok"
  | "ok_fill_newest"
  | "overfull"
  | "low"
  | "low_partial"
  | "low_partial_newest"
  | "critical"
  | "critical_partial"
  | "empty"
  | "no_anchor"
  | "no_fillups"
  | "no_capacity"
  | "no_economy"
  | "inactive_low"
  | "deleted_low"
  | "secondary_low";

export const FUEL_CASES = percentTable<FuelCase>([
  ["ok", 35],
  ["ok_fill_newest", 8],
  ["overfull", 1],
  ["low", 12],
  ["low_partial", 5],
  ["low_partial_newest", 3],
  ["critical", 8],
  ["critical_partial", 3],
  ["empty", 2],
  ["no_anchor", 5],
  ["no_fillups", 4],
  ["no_capacity", 3],
  ["no_economy", 3],
  ["inactive_low", 3],
  ["deleted_low", 2],
  ["secondary_low", 3],
]);

export type PositionCase = "near" | "corridor" | "far" | "stale" | "none";
export const POSITION_CASES = percentTable<PositionCase>([
  ["near", 55],
  ["corridor", 20],
  ["far", 12],
  ["stale", 8],
  ["none", 5],
]);

export type BudgetCase = "none" | "total" | "categories" | "both";
export const BUDGET_CASES = percentTable<BudgetCase>([
  ["none", 30],
  ["total", 25],
  ["categories", 20],
  ["both", 25],
]);

export type BudgetBand = "under" | "mid" | "p80" | "p90" | "p95" | "over";
export const BUDGET_BANDS = percentTable<BudgetBand>([
  ["under", 25],
  ["mid", 25],
  ["p80", 12],
  ["p90", 10],
  ["p95", 10],
  ["over", 18],
]);
/** Month-to-date spend as a fraction of the limit, kept clear of the 80/90/95/100 % thresholds. */
const BAND_RANGES: Record<BudgetBand, [number, number]> = {
  under: [0.1, 0.45],
  mid: [0.55, 0.76],
  p80: [0.82, 0.88],
  p90: [0.915, 0.935],
  p95: [0.96, 0.99],
  over: [1.03, 1.6],
};

export type MaintenanceCase =
  | "none"
  | "later"
  | "due_soon_date"
  | "due_soon_km"
  | "overdue_date"
  | "overdue_km"
  | "overdue_critical"
  | "mixed";
export const MAINTENANCE_CASES = percentTable<MaintenanceCase>([
  ["none", 8],
  ["later", 40],
  ["due_soon_date", 12],
  ["due_soon_km", 8],
  ["overdue_date", 12],
  ["overdue_km", 6],
  ["overdue_critical", 6],
  ["mixed", 8],
]);

export type TripCase =
  | "none"
  | "soon_2h"
  | "soon_24h"
  | "within_14d"
  | "later"
  | "active"
  | "completed"
  | "cancelled";
export const TRIP_CASES = percentTable<TripCase>([
  ["none", 12],
  ["soon_2h", 3],
  ["soon_24h", 5],
  ["within_14d", 22],
  ["later", 10],
  ["active", 15],
  ["completed", 28],
  ["cancelled", 5],
]);

export type EventCase = "none" | "within_2h" | "within_24h" | "upcoming" | "past";
export const EVENT_CASES = percentTable<EventCase>([
  ["none", 40],
  ["within_2h", 4],
  ["within_24h", 8],
  ["upcoming", 28],
  ["past", 20],
]);

interface Zone {
  timezone: string;
  region: string;
  country: "AU" | "NZ" | "US" | "GB";
}
const ZONES: Record<string, Zone> = {};
const zone = (timezone: string, region: string, country: Zone["country"]) => {
  ZONES[timezone] = { timezone, region, country };
  return timezone;
};
export const TIMEZONE_CASES = percentTable<string>([
  [zone("Australia/Sydney", "AU-NSW", "AU"), 17],
  [zone("Australia/Melbourne", "AU-VIC", "AU"), 13],
  [zone("Australia/Brisbane", "AU-QLD", "AU"), 14],
  [zone("Australia/Adelaide", "AU-SA", "AU"), 6],
  [zone("Australia/Perth", "AU-WA", "AU"), 10],
  [zone("Australia/Darwin", "AU-NT", "AU"), 4],
  [zone("Australia/Hobart", "AU-TAS", "AU"), 4],
  [zone("Australia/Broken_Hill", "AU-NSW", "AU"), 2],
  [zone("Australia/Lindeman", "AU-QLD", "AU"), 2],
  [zone("Australia/Eucla", "AU-WA", "AU"), 2],
  [zone("Australia/Lord_Howe", "AU-NSW", "AU"), 2],
  [zone("Pacific/Auckland", "NZ", "NZ"), 7],
  [zone("Pacific/Chatham", "NZ", "NZ"), 2],
  [zone("America/Los_Angeles", "US", "US"), 2],
  [zone("America/Denver", "US", "US"), 1],
  [zone("America/Phoenix", "US", "US"), 1],
  [zone("America/Chicago", "US", "US"), 1],
  [zone("America/New_York", "US", "US"), 2],
  [zone("Europe/London", "GB", "GB"), 8],
]);

export const DIGEST_CASES = percentTable<"in" | "out">([
  ["in", 45],
  ["out", 55],
]);
const DIGEST_TIMES: readonly (readonly [string, number])[] = [
  ["07:00", 40],
  ["06:00", 6],
  ["06:30", 8],
  ["06:45", 4],
  ["07:30", 10],
  ["08:00", 10],
  ["08:15", 4],
  ["12:00", 3],
  ["18:00", 6],
  ["19:30", 4],
  ["07:10", 2],
  ["21:05", 2],
  ["05:50", 1],
];

// ─── vocabulary ────────────────────────────────────────────────────────────────────────

const FIRST_NAMES = [
  "Barry", "Sharon", "Kevin", "Lyn", "Graham", "Julie", "Trevor", "Wendy", "Geoff", "Carol", "Ian",
  "Margaret", "Neville", "Robyn", "Bruce", "Denise", "Colin", "Kerry", "Peter", "Janet", "Alan",
  "Heather", "Ross", "Sue", "Mick", "Deb", "Warren", "Jenny", "Phil", "Pam", "Aroha", "Tama",
];
const LAST_NAMES = [
  "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin", "White",
  "Anderson", "Walker", "Thompson", "Harris", "Ryan", "Robinson", "Kelly", "King", "Davis", "Wright",
  "Murphy", "Campbell", "Mitchell", "O'Brien", "Clarke", "Hughes", "Ngata", "Patel",
];
const PRIMARY_VEHICLES = [
  "Toyota LandCruiser 200 + Jayco Silverline",
  "Toyota LandCruiser 79 + Kedron Caravan",
  "Nissan Patrol Y62 + Lotus Trooper",
  "Ford Ranger + Jayco Journey",
  "Isuzu D-Max + Avan Cruiseliner",
  "Isuzu NPS 4x4 Motorhome",
  "Mercedes Sprinter Motorhome",
  "Fiat Ducato (Avida Esperance)",
  "Iveco Daily Motorhome",
  "Ram 1500 + Lotus Caravan",
  "Toyota Coaster Conversion",
  "Mitsubishi Pajero Sport + Coromal",
  "VW Crafter Campervan",
  "Ford Transit Motorhome",
];
const SECOND_VEHICLES = [
  "Suzuki Jimny (flat-towed)",
  "Honda CR-V (towed)",
  "Toyota HiLux (support ute)",
  "Kia Picanto (dinghy-towed)",
  "Mazda CX-5 (home car)",
];

const MAINTENANCE_ITEMS: readonly (readonly [string, Importance, number, number])[] = [
  ["Engine oil & filter change", "medium", 180, 350],
  ["Fuel filter replacement", "high", 120, 260],
  ["Tyre rotation & balance", "low", 60, 140],
  ["Brake pads & rotors inspection", "high", 150, 600],
  ["Wheel bearing repack (caravan)", "high", 150, 350],
  ["Gas system compliance check", "critical", 120, 220],
  ["Coolant flush", "medium", 150, 280],
  ["Transmission service", "medium", 300, 650],
  ["Timing belt replacement", "critical", 700, 1400],
  ["Air filter replacement", "low", 40, 120],
  ["House battery health check", "low", 50, 150],
  ["Suspension & shock inspection", "medium", 120, 400],
  ["Roof hatch & seal inspection", "low", 80, 250],
  ["Electric brake controller test", "high", 80, 180],
];

const EXPENSE_DESCRIPTIONS: Record<ExpenseCategory, readonly string[]> = {
  fuel: ["Diesel top-up", "Fuel", "Roadhouse diesel", "LPG refill"],
  camping: ["Caravan park, powered site", "National park camping fee", "Free camp donation", "Showground site"],
  food: ["Groceries", "Bakery", "Pub dinner", "Fish and chips", "Butcher", "Farmers market"],
  maintenance: ["Tyre repair", "Oil change", "Spare parts", "Caravan service", "Wiper blades"],
  entertainment: ["Museum entry", "Boat tour", "Gorge walk permit", "Cinema", "Golf"],
  other: ["Laundromat", "Phone recharge", "Pharmacy", "Postage", "Gas bottle swap"],
};
const SPEND_WEIGHTS: readonly (readonly [ExpenseCategory, number])[] = [
  ["fuel", 30],
  ["camping", 22],
  ["food", 28],
  ["maintenance", 6],
  ["entertainment", 8],
  ["other", 6],
];
/** Expenses this month in a category without its own budget. */
const UNBUDGETED_COUNTS: readonly (readonly [number, number])[] = [
  [0, 5],
  [1, 4],
  [2, 1],
];
const TYPICAL_AMOUNT: Record<ExpenseCategory, [number, number]> = {
  fuel: [60, 320],
  camping: [15, 65],
  food: [12, 180],
  maintenance: [40, 600],
  entertainment: [10, 120],
  other: [5, 80],
};

const INTENTS: readonly (readonly [string, string, number])[] = [
  ["fuel_prices", "fuel", 16],
  ["find_campsite", "camping", 14],
  ["weather_check", "weather", 14],
  ["trip_planning", "trips", 12],
  ["budget_query", "budget", 9],
  ["expense_log", "expenses", 9],
  ["maintenance_query", "maintenance", 5],
  ["route_directions", "navigation", 9],
  ["general_chat", "chat", 8],
  ["group_news", "community", 4],
];
const INTENT_WEIGHTS = INTENTS.map((x) => [x, x[2]] as const);
const DEVICES: readonly (readonly [string, number])[] = [
  ["ios", 45],
  ["android", 35],
  ["web", 12],
  ["voice", 8],
];
const VOICES = ["en-AU-female-1", "en-AU-male-1", "en-NZ-female-1", "en-GB-male-1", "en-US-female-1"];
const EVENT_TITLES = [
  "Caravan service booking",
  "Catch up with friends at the caravan park",
  "Doctor's appointment",
  "Grandkids' birthday",
  "Spirit of Tasmania ferry",
  "Campground check-in",
  "Group campfire meetup",
  "Tyre fitting",
  "Market day",
  "Gorge cruise",
];
const GROUP_NAMES = [
  "Grey Nomads",
  "Caravanners",
  "Nullarbor Crossers",
  "Outback Wanderers",
  "Motorhome Mates",
  "Free Campers",
  "Big Lap Club",
  "Coastal Cruisers",
  "Red Centre Rovers",
  "Kimberley Trekkers",
];
const POST_BODIES = [
  "Anyone know if the dump point at the showgrounds is open?",
  "Fuel was cheaper at the independent on the way out of town.",
  "Great free camp by the river, plenty of room for big rigs.",
  "Heads up: roadworks on the highway, 40 km/h for about 10 km.",
  "Happy hour at site 12 tonight, bring a chair!",
  "Recommendations for a mechanic who knows Isuzu motorhomes?",
  "The wildflowers are out, well worth the detour.",
  "Road to the gorge is corrugated, drop your tyre pressures.",
];
const RECOMMENDATION_KINDS: readonly (readonly [string, string])[] = [
  ["fuel_stop", "Cheaper diesel ahead"],
  ["campsite", "Highly rated campsite nearby"],
  ["travel_window", "Good weather window for your trip"],
  ["budget_tip", "Camping spend is trending high"],
  ["maintenance", "Service due before your next big trip"],
];
const CONVERSATION_TITLES = [
  "Planning the Nullarbor crossing",
  "Cheapest fuel near me",
  "Free camps with dump points",
  "Budget for the month",
  "Weather for the weekend",
  "Caravan tyre pressures",
];

// ─── time helpers ──────────────────────────────────────────────────────────────────────

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
export const GROUP_BLOCK = 50;

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const pad2 = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;
};
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const money = (cents: number) => (cents / 100).toFixed(2);

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** The calendar date at instant `ms` in `timezone`, as [year, month, day]. */
export function localDateParts(ms: number, timezone: string): [number, number, number] {
  let f = dateFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, year: "numeric", month: "numeric", day: "numeric" });
    dateFormatters.set(timezone, f);
  }
  let y = 0;
  let m = 0;
  let d = 0;
  for (const p of f.formatToParts(ms)) {
    if (p.type === "year") y = Number(p.value);
    else if (p.type === "month") m = Number(p.value);
    else if (p.type === "day") d = Number(p.value);
  }
  return [y, m, d];
}

// ─── public API ────────────────────────────────────────────────────────────────────────

export interface FleetOptions {
  seed: number;
  /** First user index (inclusive). */
  from: number;
  /** Last user index (exclusive). */
  to: number;
  /** "Now" for the data: a Date, an ISO instant, or YYYY-MM-DD (midnight UTC). */
  anchor: Date | string;
}

/** What was engineered for a user: not written anywhere, for tests and reports. */
export interface UserCases {
  index: number;
  userId: string;
  status: ProfileStatus;
  timezone: string;
  fuel: FuelCase;
  position: PositionCase;
  budget: BudgetCase;
  budgetBand: BudgetBand | null;
  maintenance: MaintenanceCase;
  trip: TripCase;
  event: EventCase;
}

export interface FleetChunk extends FleetRows {
  cases: UserCases[];
}

export function emptyRows(): FleetRows {
  return Object.fromEntries(FLEET_TABLES.map((t) => [t, []])) as unknown as FleetRows;
}

export function anchorMs(anchor: Date | string): number {
  const ms = new Date(anchor).getTime();
  if (Number.isNaN(ms)) throw new Error(`invalid anchor: ${String(anchor)}`);
  return ms;
}

/** The id of user `index`: the first draw of its stream. */
export function userIdOf(seed: number, index: number): string {
  return Rng.for(seed, "user", index).uuid();
}

/** The id of the community group of block `block` (users 50·b … 50·b+49). */
export function groupIdOf(seed: number, block: number): string {
  return Rng.for(seed, "group", block).uuid();
}

interface Context {
  seed: number;
  now: number;
  /** The anchor's UTC date, YYYY-MM-DD, for maintenance due dates. */
  today: string;
  slots: Record<
    "status" | "fuel" | "position" | "budget" | "band" | "maintenance" | "trip" | "event" | "timezone" | "digest",
    Slots
  >;
}

export function generateFleet(options: FleetOptions): FleetChunk {
  const now = anchorMs(options.anchor);
  const dims = ["status", "fuel", "position", "budget", "band", "maintenance", "trip", "event", "timezone", "digest"] as const;
  const ctx: Context = {
    seed: options.seed,
    now,
    today: iso(now).slice(0, 10),
    slots: Object.fromEntries(dims.map((d) => [d, new Slots(options.seed, d)])) as Context["slots"],
  };
  const out: FleetChunk = { ...emptyRows(), cases: [] };
  for (let i = options.from; i < options.to; i++) generateUser(ctx, i, out);
  return out;
}

// ─── one user ──────────────────────────────────────────────────────────────────────────

function generateUser(ctx: Context, index: number, out: FleetChunk): void {
  const rng = Rng.for(ctx.seed, "user", index);
  const userId = rng.uuid(); // first draw: must match userIdOf
  const { now } = ctx;

  const fuel = FUEL_CASES[ctx.slots.fuel.of(index)]!;
  let status = STATUS_CASES[ctx.slots.status.of(index)]!;
  if (fuel === "inactive_low") status = "inactive";
  else if (fuel === "deleted_low") status = "deleted";
  else if (status !== "active" && (fuel === "low" || fuel === "critical")) {
    // Keep the active alert cases whole; inactive/deleted low-fuel users come from their own cases.
    status = "active";
  }
  const timezone = TIMEZONE_CASES[ctx.slots.timezone.of(index)]!;
  const z = ZONES[timezone]!;
  const position = POSITION_CASES[ctx.slots.position.of(index)]!;
  const cases: UserCases = {
    index,
    userId,
    status,
    timezone,
    fuel,
    position,
    budget: BUDGET_CASES[ctx.slots.budget.of(index)]!,
    budgetBand: null,
    maintenance: MAINTENANCE_CASES[ctx.slots.maintenance.of(index)]!,
    trip: TRIP_CASES[ctx.slots.trip.of(index)]!,
    event: EVENT_CASES[ctx.slots.event.of(index)]!,
  };
  out.cases.push(cases);

  // Profile.
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const fullName = rng.chance(0.3) ? `${first} & ${rng.pick(FIRST_NAMES)} ${last}` : `${first} ${last}`;
  const createdAt = now - rng.float(30, 1500) * DAY;
  const lastActiveAt =
    status === "active"
      ? now - rng.float(0.02, 7) * DAY
      : status === "inactive"
        ? now - rng.float(60, 400) * DAY
        : now - rng.float(30, 600) * DAY;
  const smsOptIn = rng.chance(0.25);
  const digestIn = DIGEST_CASES[ctx.slots.digest.of(index)] === "in";
  out.profiles.push({
    id: userId,
    email: `user-${index}@example.test`,
    fullName,
    status,
    timezone,
    digestOptIn: digestIn,
    digestLocalTime: digestIn ? rng.weighted(DIGEST_TIMES) : "07:00",
    emailOptIn: rng.chance(0.88),
    smsOptIn,
    phone: smsOptIn || rng.chance(0.3) ? phoneNumber(rng, z.country) : null,
    region: z.region,
    createdAt: iso(createdAt),
    updatedAt: iso(Math.max(createdAt, lastActiveAt)),
    lastActiveAt: iso(Math.max(createdAt, lastActiveAt)),
  });

  // Where this traveller drives: New Zealanders tour NZ half the time, everyone else Australia.
  const corridor = z.country === "NZ" && rng.chance(0.5) ? rng.pick(NZ_CORRIDORS) : pickAuCorridor(rng);

  const primary = generateVehicles(ctx, rng, userId, fuel, position, corridor, out);

  generateExpenses(ctx, rng, userId, timezone, cases, out);
  generateMaintenance(ctx, rng, userId, primary, cases.maintenance, out);
  generateTrips(ctx, rng, userId, corridor, cases.trip, out);
  generateCalendar(ctx, rng, userId, corridor, cases.event, out);
  generateCommunity(ctx, rng, userId, index, out);
  generateUsage(ctx, rng, userId, status, z.region, out);
}

function phoneNumber(rng: Rng, country: Zone["country"]): string {
  switch (country) {
    case "AU":
      return `+61 491 57${rng.int(0, 9)} ${rng.int(100, 999)}`;
    case "NZ":
      return `+64 21 555 ${rng.int(1000, 9999)}`;
    case "US":
      return `+1 ${rng.pick(["212", "303", "312", "415", "602"])} 555 01${pad2(rng.int(0, 99))}`;
    case "GB":
      return `+44 7700 900${String(rng.int(0, 999)).padStart(3, "0")}`;
  }
}

const AU_TOTAL_KM = AU_CORRIDORS.reduce((s, c) => s + c.lengthKm, 0);
const AU_CORRIDOR_WEIGHTS = AU_CORRIDORS.map((c) => [c, c.lengthKm / AU_TOTAL_KM] as const);
function pickAuCorridor(rng: Rng): Corridor {
  return rng.weighted(AU_CORRIDOR_WEIGHTS);
}

// ─── vehicles and fuel ─────────────────────────────────────────────────────────────────

interface FuelEvent {
  kind: "fill" | "read";
  t: number;
  odo: number;
  liters?: number;
  full?: boolean;
  lat?: number | null;
  lng?: number | null;
}

interface PrimaryVehicle {
  id: string;
  /** The current odometer (latest event), or a plausible one when there are no events. */
  odometerKm: number;
}

const LOW_RANGE: [number, number] = [0.115, 0.185];
const CRITICAL_RANGE: [number, number] = [0.02, 0.085];
const OK_RANGE: [number, number] = [0.25, 0.95];

function generateVehicles(
  ctx: Context,
  rng: Rng,
  userId: string,
  fuel: FuelCase,
  position: PositionCase,
  corridor: Corridor,
  out: FleetRows,
): PrimaryVehicle {
  const { now } = ctx;
  const capacity = rng.int(16, 50) * 5;
  const economy = r1(rng.float(12, 30));
  const primaryId = rng.uuid();
  out.vehicles.push({
    id: primaryId,
    userId,
    name: rng.pick(PRIMARY_VEHICLES),
    isPrimary: true,
    tankCapacityL: fuel === "no_capacity" ? null : capacity,
    fuelEconomyLPer100km: fuel === "no_economy" ? null : economy,
    fuelType: rng.chance(0.88) ? "diesel" : "petrol",
    createdAt: iso(now - rng.float(40, 900) * DAY),
  });

  const startOdo = rng.int(20_000, 350_000);
  const tEnd = now - rng.float(0.25, 10) * HOUR;
  const tAnchor = now - rng.float(1.5, 8) * DAY;
  let events: FuelEvent[];
  switch (fuel) {
    case "no_fillups":
      events = readingsOnly(rng, startOdo, tEnd);
      break;
    case "no_anchor":
      events = fuelTimeline(rng, { capacity, economy, startOdo, tAnchor, tEnd, target: "no_anchor" });
      break;
    case "ok_fill_newest":
      events = fuelTimeline(rng, { capacity, economy, startOdo, tAnchor: tEnd, tEnd, target: "anchor_newest" });
      break;
    case "overfull":
    case "empty":
      events = fuelTimeline(rng, { capacity, economy, startOdo, tAnchor, tEnd, target: fuel });
      break;
    default: {
      const range =
        fuel === "ok" || fuel === "secondary_low"
          ? OK_RANGE
          : fuel === "critical" || fuel === "critical_partial" || fuel === "inactive_low"
            ? CRITICAL_RANGE
            : LOW_RANGE;
      const f = rng.float(range[0], range[1]);
      const partials =
        fuel === "low_partial" || fuel === "critical_partial" || fuel === "low_partial_newest"
          ? rng.int(1, 2)
          : fuel === "ok" && f < 0.6 && rng.chance(0.25)
            ? 1
            : 0;
      events = fuelTimeline(rng, {
        capacity,
        economy,
        startOdo,
        tAnchor,
        tEnd,
        target: { fraction: f, partials, lastIsPartial: fuel === "low_partial_newest" },
      });
    }
  }
  placeEvents(rng, events, position, corridor);
  emitEvents(rng, userId, primaryId, events, out);
  const last = events[events.length - 1];
  const primaryOdo = last ? last.odo : startOdo;

  // Fill-ups older than two years, for fuel-log-archival (never where "no full tank" matters).
  if (fuel !== "no_anchor" && fuel !== "no_fillups" && rng.chance(0.12)) {
    const oldEvents: FuelEvent[] = [];
    let odo = (events[0]?.odo ?? startOdo) - rng.int(25_000, 60_000);
    let t = now - rng.float(760, 1100) * DAY;
    for (let k = rng.int(2, 5); k > 0; k--) {
      odo += rng.float(300, 900);
      t += rng.float(3, 20) * DAY;
      oldEvents.push({ kind: "fill", t, odo: r1(odo), liters: r2(rng.float(0.4, 0.8) * capacity), full: true });
    }
    placeEvents(rng, oldEvents, position === "none" ? "none" : "corridor", pickAuCorridor(rng));
    emitEvents(rng, userId, primaryId, oldEvents, out);
  }

  // A second vehicle, its whole history before the primary's anchor, so it can never be
  // mistaken for the primary's last known position.
  if (fuel === "secondary_low" || rng.chance(0.25)) {
    const id2 = rng.uuid();
    const cap2 = rng.int(16, 40) * 5;
    const econ2 = r1(rng.float(12, 20));
    out.vehicles.push({
      id: id2,
      userId,
      name: rng.pick(SECOND_VEHICLES),
      isPrimary: false,
      tankCapacityL: cap2,
      fuelEconomyLPer100km: econ2,
      fuelType: rng.chance(0.5) ? "diesel" : "petrol",
      createdAt: iso(now - rng.float(40, 900) * DAY),
    });
    const firstPrimary = Math.min(tAnchor, ...events.map((e) => e.t));
    const end2 = Math.min(tAnchor, firstPrimary) - rng.float(1, 12) * HOUR;
    const range = fuel === "secondary_low" ? CRITICAL_RANGE : OK_RANGE;
    const events2 = fuelTimeline(rng, {
      capacity: cap2,
      economy: econ2,
      startOdo: rng.int(10_000, 200_000),
      tAnchor: end2 - rng.float(1, 5) * DAY,
      tEnd: end2,
      target: { fraction: rng.float(range[0], range[1]), partials: 0, lastIsPartial: false },
    });
    placeEvents(rng, events2, position === "stale" || position === "none" ? "none" : "corridor", corridor);
    emitEvents(rng, userId, id2, events2, out);
  }
  return { id: primaryId, odometerKm: primaryOdo };
}

type FuelTarget =
  | { fraction: number; partials: number; lastIsPartial: boolean }
  | "anchor_newest"
  | "no_anchor"
  | "overfull"
  | "empty";

/**
 * A vehicle's fill-ups and odometer readings, consistent with its economy: 1–3 earlier
 * fill-ups, the anchor full tank at `tAnchor`, then driving (with readings and top-ups) so that
 * the SPEC §7 estimate at `tEnd` lands where the target says.
 */
function fuelTimeline(
  rng: Rng,
  p: { capacity: number; economy: number; startOdo: number; tAnchor: number; tEnd: number; target: FuelTarget },
): FuelEvent[] {
  const { capacity: C, economy: E, target } = p;
  const perKm = E / 100;
  const events: FuelEvent[] = [];
  let odo = p.startOdo;
  let level = rng.float(0.2, 0.5) * C;
  const drive = (toLevel: number) => {
    odo += (level - toLevel) / perKm;
    level = toLevel;
  };
  const fill = (t: number, full: boolean, liters: number) => {
    events.push({ kind: "fill", t, odo: r1(odo), liters: r2(liters), full });
    level = full ? C : level + liters;
  };

  // History before the anchor: fill-ups every 2–7 days, now and then a reading in between.
  const nHistory = rng.int(1, 3);
  const gaps = Array.from({ length: nHistory }, () => rng.float(2, 7) * DAY);
  let t = p.tAnchor - gaps.reduce((s, g) => s + g, 0);
  for (let k = 0; k < nHistory; k++) {
    const full = target !== "no_anchor" && rng.chance(0.65);
    fill(t, full, full ? C - level : Math.min(rng.float(0.15, 0.35) * C, C - level - 1));
    const next = t + gaps[k]!;
    let before = rng.float(0.15, 0.5) * C;
    if (before > level - 0.05 * C) before = level * rng.float(0.4, 0.8);
    if (rng.chance(0.4) || (target === "anchor_newest" && k === nHistory - 1)) {
      drive((level + before) / 2);
      events.push({ kind: "read", t: t + (next - t) / 2, odo: r1(odo) });
    }
    drive(before);
    t = next;
  }

  if (target === "no_anchor") {
    // One more top-up, then readings: there is an odometer but never a full tank.
    fill(p.tAnchor, false, Math.min(rng.float(0.15, 0.35) * C, C - level - 1));
    drive(level * rng.float(0.3, 0.7));
    pushReadings(rng, events, p.tAnchor, p.tEnd, odo, rng.int(1, 3));
    return events;
  }

  fill(p.tAnchor, true, C - level); // the anchor
  if (target === "anchor_newest") return events;

  const plan: ({ kind: "drive"; km: number } | { kind: "partial"; liters: number })[] = [];
  if (target === "empty") {
    plan.push({ kind: "drive", km: (C / perKm) * rng.float(1.05, 1.3) });
  } else if (target === "overfull") {
    const d1 = rng.float(10, 40);
    const d2 = rng.float(5, 30);
    plan.push({ kind: "drive", km: d1 });
    plan.push({ kind: "partial", liters: (d1 + d2) * perKm + rng.float(10, 30) });
    plan.push({ kind: "drive", km: d2 });
  } else {
    const f = target.fraction;
    let lvl = C;
    for (let j = 0; j < target.partials; j++) {
      const lastPartial = target.lastIsPartial && j === target.partials - 1;
      let before: number;
      let liters: number;
      if (lastPartial) {
        liters = rng.float(0.3, 0.6) * f * C;
        before = f * C - liters;
      } else {
        const lo = Math.max(f + 0.05, 0.25) * C;
        const hi = Math.min(Math.max(f + 0.3, 0.45) * C, lvl - 1);
        before = Math.min(rng.float(lo, Math.max(lo, hi)), lvl - 0.02 * C);
        liters = rng.float(0.1, 0.3) * C;
        liters = Math.min(liters, C - before - 1);
      }
      plan.push({ kind: "drive", km: (lvl - before) / perKm });
      plan.push({ kind: "partial", liters });
      lvl = before + liters;
    }
    if (!target.lastIsPartial) plan.push({ kind: "drive", km: (lvl - f * C) / perKm });
  }

  // Post-anchor events take sorted random times between the anchor and tEnd, in plan order;
  // the newest is at (or, when a reading slot went unused, just before) tEnd.
  const lastIsFill = plan[plan.length - 1]?.kind === "partial";
  const extraReadings = rng.int(0, 2);
  const slots = plan.filter((s) => s.kind === "partial").length + extraReadings + (lastIsFill ? 0 : 1);
  const times = Array.from({ length: slots }, () => rng.float(p.tAnchor + HOUR, p.tEnd)).sort((a, b) => a - b);
  if (times.length > 0) times[times.length - 1] = p.tEnd;
  let ti = 0;
  let readingsLeft = extraReadings;
  for (const step of plan) {
    if (step.kind === "drive") {
      if (readingsLeft > 0 && step.km > 20) {
        odo += step.km / 2;
        events.push({ kind: "read", t: times[ti++]!, odo: r1(odo) });
        odo += step.km / 2;
        readingsLeft--;
      } else {
        odo += step.km;
      }
    } else {
      events.push({ kind: "fill", t: times[ti++]!, odo: r1(odo), liters: r2(step.liters), full: false });
    }
  }
  if (!lastIsFill) events.push({ kind: "read", t: p.tEnd, odo: r1(odo) });
  // Strictly increasing times, so "newest" is never a tie.
  for (let k = 1; k < events.length; k++) {
    if (events[k]!.t <= events[k - 1]!.t) events[k]!.t = events[k - 1]!.t + MINUTE;
  }
  return events;
}

function pushReadings(rng: Rng, events: FuelEvent[], from: number, to: number, odo: number, n: number): void {
  const times = Array.from({ length: n }, () => rng.float(from + HOUR, to)).sort((a, b) => a - b);
  times[n - 1] = to;
  let o = odo;
  for (const t of times) {
    events.push({ kind: "read", t, odo: r1(o) });
    o += rng.float(20, 250);
  }
}

function readingsOnly(rng: Rng, startOdo: number, tEnd: number): FuelEvent[] {
  const events: FuelEvent[] = [];
  const n = rng.int(2, 4);
  let odo = startOdo;
  const times = Array.from({ length: n }, () => tEnd - rng.float(0, 21) * DAY).sort((a, b) => a - b);
  times[n - 1] = tEnd;
  for (const t of times) {
    events.push({ kind: "read", t, odo: r1(odo) });
    odo += rng.float(50, 600);
  }
  return events;
}

/**
 * Positions along the corridor consistent with the odometer (the newest event at the end of
 * the drive), with the newest position shaped by the position case.
 */
function placeEvents(rng: Rng, events: FuelEvent[], position: PositionCase, corridor: Corridor): void {
  if (events.length === 0) return;
  const ordered = [...events].sort((a, b) => a.t - b.t);
  const newest = ordered[ordered.length - 1]!;
  if (position === "none") {
    for (const e of events) e.lat = e.lng = null;
    return;
  }
  const sEnd =
    position === "near" || position === "stale"
      ? corridor.km[rng.int(0, corridor.towns.length - 1)]!
      : rng.float(0, corridor.lengthKm);
  for (const e of ordered) {
    const s = bounce(corridor, sEnd - (newest.odo - e.odo));
    const p = pointAlong(corridor, s);
    const at = jitter(rng, p.lat, p.lng, 1);
    const withPosition = e.kind === "fill" ? rng.chance(0.9) : rng.chance(0.85);
    e.lat = withPosition ? at.lat : null;
    e.lng = withPosition ? at.lng : null;
  }
  if (position === "stale") {
    newest.lat = newest.lng = null;
    const prev = ordered[ordered.length - 2];
    if (prev) {
      const p = pointAlong(corridor, bounce(corridor, sEnd - (newest.odo - prev.odo)));
      const at = jitter(rng, p.lat, p.lng, 1);
      prev.lat = at.lat;
      prev.lng = at.lng;
    }
  } else if (position === "far") {
    const place = rng.pick(REMOTE_PLACES);
    const at = jitter(rng, place.lat, place.lng, 15);
    newest.lat = at.lat;
    newest.lng = at.lng;
  } else {
    const p = pointAlong(corridor, sEnd);
    const at = jitter(rng, p.lat, p.lng, position === "near" ? 0.8 : 1);
    newest.lat = at.lat;
    newest.lng = at.lng;
  }
}

function emitEvents(rng: Rng, userId: string, vehicleId: string, events: FuelEvent[], out: FleetRows): void {
  for (const e of events) {
    if (e.kind === "read") {
      out.odometerReadings.push({
        id: rng.uuid(),
        vehicleId,
        userId,
        odometerKm: e.odo,
        lat: e.lat ?? null,
        lng: e.lng ?? null,
        recordedAt: iso(e.t),
      });
    } else {
      const price = rng.float(1.75, 2.45) + (e.lat != null && e.lat > -26 && e.lat < -14 ? 0.3 : 0);
      const liters = Math.max(0.5, e.liters ?? 0);
      out.fuelLogs.push({
        id: rng.uuid(),
        userId,
        vehicleId,
        filledAt: iso(e.t),
        liters,
        pricePerLiter: price.toFixed(3),
        totalCost: (liters * price).toFixed(2),
        odometerKm: e.odo,
        fullTank: e.full ?? false,
        lat: e.lat ?? null,
        lng: e.lng ?? null,
        createdAt: iso(e.t + rng.float(1, 30) * MINUTE),
      });
    }
  }
}

// ─── money ─────────────────────────────────────────────────────────────────────────────

function bandFraction(rng: Rng, band: BudgetBand): number {
  const [lo, hi] = BAND_RANGES[band];
  return rng.float(lo, hi);
}

/** Splits `cents` into `n` positive parts (n reduced if the amount is small). */
function splitCents(rng: Rng, cents: number, n: number): number[] {
  const parts = Math.max(1, Math.min(n, Math.floor(cents / 500)));
  const weights = Array.from({ length: parts }, () => rng.float(0.3, 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const out = weights.map((w) => Math.max(1, Math.floor((w / total) * cents)));
  out[out.length - 1]! += cents - out.reduce((s, c) => s + c, 0);
  return out;
}

function generateExpenses(
  ctx: Context,
  rng: Rng,
  userId: string,
  timezone: string,
  cases: UserCases,
  out: FleetRows,
): void {
  const { now } = ctx;
  const [y, m, d] = localDateParts(now, timezone);
  const thisMonthDate = () => ymd(y, m, rng.int(1, d));
  const expense = (category: ExpenseCategory, cents: number, spentOn: string) => {
    out.expenses.push({
      id: rng.uuid(),
      userId,
      amount: money(cents),
      category,
      spentOn,
      description: rng.pick(EXPENSE_DESCRIPTIONS[category]),
      createdAt: iso(Math.min(now, Date.parse(`${spentOn}T00:00:00Z`) + rng.float(0, 20) * HOUR)),
    });
  };
  const randomCents = (category: ExpenseCategory) => {
    const [lo, hi] = TYPICAL_AMOUNT[category];
    return Math.round(rng.float(lo, hi) * 100);
  };

  // Previous two months: ordinary spending.
  for (let back = 1; back <= 2; back++) {
    const pm = ((m - 1 - back + 12) % 12) + 1;
    const py = m - back < 1 ? y - 1 : y;
    for (let k = rng.int(2, 6); k > 0; k--) {
      const category = rng.weighted(SPEND_WEIGHTS);
      expense(category, randomCents(category), ymd(py, pm, rng.int(1, daysInMonth(py, pm))));
    }
  }
  // Older than two years, for expense-archival.
  if (rng.chance(0.1)) {
    for (let k = rng.int(3, 6); k > 0; k--) {
      const category = rng.weighted(SPEND_WEIGHTS);
      expense(category, randomCents(category), iso(now - rng.float(760, 1100) * DAY).slice(0, 10));
    }
  }

  // This month: budgets engineered to their bands; unbudgeted categories spend freely.
  const headlineBand = BUDGET_BANDS[ctx.slots.band.of(cases.index)]!;
  const budgetCase = cases.budget;
  const categoryBudgets: ExpenseCategory[] =
    budgetCase === "categories" || budgetCase === "both"
      ? rng.sample(
          SPEND_WEIGHTS.map(([c]) => c),
          rng.int(1, 3),
        )
      : [];
  let totalCents = 0;
  const budgets: { category: BudgetCategory; limit: number }[] = [];
  categoryBudgets.forEach((category, k) => {
    const limitDollars = rng.int(20, 150) * 10;
    const band = k === 0 && budgetCase === "categories" ? headlineBand : rng.pick(BUDGET_BANDS);
    const cents = Math.round(bandFraction(rng, band) * limitDollars * 100);
    for (const part of splitCents(rng, cents, rng.int(1, 4))) expense(category, part, thisMonthDate());
    totalCents += cents;
    budgets.push({ category, limit: limitDollars });
  });
  for (const [category] of SPEND_WEIGHTS) {
    if (categoryBudgets.includes(category)) continue;
    for (let k = rng.weighted(UNBUDGETED_COUNTS); k > 0; k--) {
      const cents = randomCents(category);
      expense(category, cents, thisMonthDate());
      totalCents += cents;
    }
  }
  if (budgetCase === "total" || budgetCase === "both") {
    if (totalCents < 20_000) {
      const category = SPEND_WEIGHTS.map(([c]) => c).find((c) => !categoryBudgets.includes(c))!;
      const cents = 20_000 + rng.int(0, 30_000);
      expense(category, cents, thisMonthDate());
      totalCents += cents;
    }
    const fraction = bandFraction(rng, headlineBand);
    budgets.push({ category: "total", limit: Math.max(1, Math.round(totalCents / 100 / fraction)) });
  }
  if (budgetCase !== "none") cases.budgetBand = headlineBand;
  for (const b of budgets) {
    out.budgets.push({
      id: rng.uuid(),
      userId,
      category: b.category,
      monthlyLimit: b.limit.toFixed(2),
      createdAt: iso(now - rng.float(35, 400) * DAY),
    });
  }
}

// ─── maintenance ───────────────────────────────────────────────────────────────────────

function addDays(date: string, days: number): string {
  return iso(Date.parse(`${date}T00:00:00Z`) + days * DAY).slice(0, 10);
}

function generateMaintenance(
  ctx: Context,
  rng: Rng,
  userId: string,
  vehicle: PrimaryVehicle,
  kase: MaintenanceCase,
  out: FleetRows,
): void {
  if (kase === "none") return;
  const { now, today } = ctx;
  const odo = vehicle.odometerKm;
  const items = rng.sample(MAINTENANCE_ITEMS, 6);
  let next = 0;
  const record = (
    status: MaintenanceStatus,
    dueDate: string | null,
    dueOdometerKm: number | null,
    opts: { importance?: Importance; completedAt?: number } = {},
  ) => {
    const [item, importance, lo, hi] = items[next++ % items.length]!;
    out.maintenanceRecords.push({
      id: rng.uuid(),
      userId,
      vehicleId: vehicle.id,
      item,
      dueDate,
      dueOdometerKm: dueOdometerKm === null ? null : Math.round(dueOdometerKm),
      status,
      completedAt: opts.completedAt ? iso(opts.completedAt) : null,
      estimatedCost: money(Math.round(rng.float(lo, hi)) * 100),
      importance: opts.importance ?? importance,
      createdAt: iso(now - rng.float(30, 400) * DAY),
      updatedAt: iso(now - rng.float(1, 30) * DAY),
    });
  };
  // Stored status as last flagged: half the due items have not been re-flagged yet.
  const stored = (actual: MaintenanceStatus): MaintenanceStatus => (rng.chance(0.5) ? "scheduled" : actual);

  for (let k = rng.int(1, 2); k > 0; k--) {
    const done = now - rng.float(20, 365) * DAY;
    record("completed", iso(done + rng.float(0, 10) * DAY).slice(0, 10), null, { completedAt: done });
  }
  record("scheduled", addDays(today, rng.int(30, 200)), odo + rng.int(3000, 15000));

  const dueSoonDate = () => record(stored("due_soon"), addDays(today, rng.int(1, 5)), rng.chance(0.5) ? odo + rng.int(2000, 9000) : null);
  const overdueDate = (importance?: Importance) =>
    record(stored("overdue"), addDays(today, -rng.int(3, 60)), rng.chance(0.3) ? odo + rng.int(1500, 6000) : null, {
      importance,
    });
  switch (kase) {
    case "later":
      if (rng.chance(0.5)) record("scheduled", addDays(today, rng.int(45, 300)), null);
      break;
    case "due_soon_date":
      dueSoonDate();
      break;
    case "due_soon_km":
      record(stored("due_soon"), rng.chance(0.5) ? addDays(today, rng.int(45, 120)) : null, odo + rng.int(100, 450));
      break;
    case "overdue_date":
      overdueDate();
      break;
    case "overdue_km":
      record(stored("overdue"), rng.chance(0.5) ? addDays(today, rng.int(40, 120)) : null, odo - rng.int(100, 2500));
      break;
    case "overdue_critical":
      overdueDate("critical");
      break;
    case "mixed":
      overdueDate();
      dueSoonDate();
      break;
  }
}

// ─── trips and calendar ────────────────────────────────────────────────────────────────

/** A route between two towns of the corridor; `dense` adds a jittered point every ~10–20 km. */
function route(rng: Rng, corridor: Corridor, a: number, b: number, dense: boolean) {
  const step = a <= b ? 1 : -1;
  const towns: Town[] = [];
  for (let k = a; k !== b + step; k += step) towns.push(corridor.towns[k]!);
  const coords: [number, number][] = [];
  let km = 0;
  for (let k = 0; k < towns.length; k++) {
    const t = towns[k]!;
    if (k > 0) {
      const prev = towns[k - 1]!;
      const seg = distanceKm(prev.lat, prev.lng, t.lat, t.lng);
      km += seg;
      if (dense) {
        const n = Math.min(Math.floor(seg / rng.float(10, 20)), Math.max(0, 120 - coords.length));
        for (let j = 1; j < n; j++) {
          const f = j / n;
          const at = jitter(rng, prev.lat + (t.lat - prev.lat) * f, prev.lng + (t.lng - prev.lng) * f, 0.5);
          coords.push([at.lng, at.lat]);
        }
      }
    }
    coords.push([t.lng, t.lat]);
  }
  return { from: towns[0]!, to: towns[towns.length - 1]!, coords, km: Math.round(km * 1.08) };
}

function generateTrips(ctx: Context, rng: Rng, userId: string, corridor: Corridor, kase: TripCase, out: FleetRows): void {
  const { now } = ctx;
  const trip = (status: TripRow["status"], startsAt: number, dense: boolean, compressed = false) => {
    const n = corridor.towns.length;
    const a = rng.int(0, n - 1);
    const span = rng.int(2, 6);
    const b = a + span < n ? a + span : Math.max(0, a - span);
    const r = route(rng, corridor, a, b === a ? (a + 1) % n : b, dense);
    let days = Math.ceil(r.km / 350) + rng.int(0, 5);
    // An active trip is under way: it ends 1–14 days from now.
    if (status === "active") days = Math.max(days, Math.ceil((now - startsAt) / DAY) + rng.int(1, 14));
    out.trips.push({
      id: rng.uuid(),
      userId,
      name: `${r.from.name} to ${r.to.name}`,
      status,
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + days * DAY + rng.float(2, 8) * HOUR),
      originName: r.from.name,
      originLat: r.from.lat,
      originLng: r.from.lng,
      destName: r.to.name,
      destLat: r.to.lat,
      destLng: r.to.lng,
      distanceKm: r.km,
      route: { type: "LineString", coordinates: r.coords },
      compressed,
      createdAt: iso(Math.min(now, startsAt) - rng.float(2, 60) * DAY),
      updatedAt: iso(Math.min(now, startsAt + days * DAY) - rng.float(0, 2) * DAY),
    });
    return days;
  };
  // Older completed trips.
  if (rng.chance(0.7)) {
    for (let k = rng.int(1, 2); k > 0; k--) {
      const start = now - rng.float(20, 700) * DAY;
      const old = start < now - 60 * DAY;
      const compressed = old && rng.chance(0.8);
      trip("completed", start, !compressed, compressed);
    }
  }
  switch (kase) {
    case "none":
      break;
    case "soon_2h":
      trip("planned", now + rng.float(20, 110) * MINUTE, false);
      break;
    case "soon_24h":
      trip("planned", now + rng.float(3, 23.5) * HOUR, false);
      break;
    case "within_14d":
      trip("planned", now + rng.float(1.2, 13) * DAY, false);
      break;
    case "later":
      trip("planned", now + rng.float(16, 90) * DAY, false);
      break;
    case "active":
      trip("active", now - rng.float(1, 10) * DAY, false);
      break;
    case "completed": {
      const days = 3 + rng.int(0, 8);
      trip("completed", now - (days + rng.float(1, 14)) * DAY, true);
      break;
    }
    case "cancelled":
      trip("cancelled", now + rng.float(-10, 30) * DAY, false);
      break;
  }
}

function generateCalendar(ctx: Context, rng: Rng, userId: string, corridor: Corridor, kase: EventCase, out: FleetRows): void {
  const { now } = ctx;
  const event = (startsAt: number) => {
    const t = rng.pick(corridor.towns);
    const at = jitter(rng, t.lat, t.lng, 3);
    out.calendarEvents.push({
      id: rng.uuid(),
      userId,
      title: rng.pick(EVENT_TITLES),
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + rng.int(1, 6) * HOUR),
      locationName: t.name,
      lat: at.lat,
      lng: at.lng,
      createdAt: iso(Math.min(now, startsAt) - rng.float(1, 40) * DAY),
    });
  };
  switch (kase) {
    case "none":
      return;
    case "within_2h":
      event(now + rng.float(15, 115) * MINUTE);
      break;
    case "within_24h":
      event(now + rng.float(3, 23.5) * HOUR);
      break;
    case "upcoming":
      event(now + rng.float(1.2, 30) * DAY);
      break;
    case "past":
      event(now - rng.float(1, 60) * DAY);
      break;
  }
  if (rng.chance(0.3)) event(now + rng.float(2, 60) * DAY);
}

// ─── community ─────────────────────────────────────────────────────────────────────────

function generateCommunity(ctx: Context, rng: Rng, userId: string, index: number, out: FleetRows): void {
  const { now, seed } = ctx;
  const block = Math.floor(index / GROUP_BLOCK);
  const memberships: string[] = [];
  if (index % GROUP_BLOCK === 0) {
    const g = Rng.for(seed, "group", block);
    const id = g.uuid();
    const name = `${g.pick(GROUP_NAMES)} #${block + 1}`;
    const createdAt = now - g.float(60, 900) * DAY;
    out.groups.push({
      id,
      name,
      description: `A community of travellers: ${name}.`,
      region: g.pick(["AU-QLD", "AU-NSW", "AU-VIC", "AU-SA", "AU-WA", "AU-NT", "AU-TAS", "NZ"]),
      userId,
      createdAt: iso(createdAt),
    });
    out.groupMembers.push({ groupId: id, userId, role: "owner", joinedAt: iso(createdAt) });
    memberships.push(id);
  } else if (rng.chance(0.7)) {
    const id = groupIdOf(seed, block);
    out.groupMembers.push({
      groupId: id,
      userId,
      role: rng.chance(0.05) ? "admin" : "member",
      joinedAt: iso(now - rng.float(1, 500) * DAY),
    });
    memberships.push(id);
  }
  if (block > 0 && rng.chance(0.15)) {
    const id = groupIdOf(seed, block - 1);
    out.groupMembers.push({ groupId: id, userId, role: "member", joinedAt: iso(now - rng.float(1, 500) * DAY) });
    memberships.push(id);
  }
  for (const groupId of memberships) {
    for (let k = rng.int(0, 3); k > 0; k--) {
      out.groupPosts.push({
        id: rng.uuid(),
        groupId,
        userId,
        body: rng.pick(POST_BODIES),
        createdAt: iso(now - (rng.chance(0.25) ? rng.float(0.05, 1) : rng.float(1, 30)) * DAY),
      });
    }
  }
}

// ─── usage and housekeeping ────────────────────────────────────────────────────────────

function generateUsage(ctx: Context, rng: Rng, userId: string, status: ProfileStatus, region: string, out: FleetRows): void {
  const { now } = ctx;
  const incidentStart = Math.floor(now / HOUR) * HOUR - 3 * HOUR;
  const interaction = (at: number) => {
    const [intent, feature] = rng.weighted(INTENT_WEIGHTS);
    const incident = at >= incidentStart && at < incidentStart + HOUR;
    const base = 180 + 420 * Math.exp(rng.float(-1, 1.4));
    out.pamInteractions.push({
      id: rng.uuid(),
      userId,
      occurredAt: iso(at),
      intent,
      feature,
      responseMs: Math.round(incident ? base * 3.5 : base),
      error: rng.chance(incident ? 0.3 : 0.02),
      device: rng.weighted(DEVICES),
      region,
    });
  };
  if (status === "active") {
    for (let k = rng.int(0, 8); k > 0; k--) interaction(now - rng.float(0, 48) * HOUR);
  }
  if (rng.chance(0.06)) {
    for (let k = rng.int(2, 5); k > 0; k--) interaction(now - rng.float(91, 150) * DAY);
  }

  // Sessions: 40 % expired.
  const sessions = status === "active" ? rng.int(1, 2) : status === "inactive" ? 1 : 0;
  for (let k = 0; k < sessions; k++) {
    const expired = status !== "active" || rng.chance(0.4);
    const expiresAt = expired ? now - rng.float(1, 30) * DAY : now + rng.float(1, 30) * DAY;
    out.userSessions.push({
      id: rng.uuid(),
      userId,
      device: rng.weighted(DEVICES),
      createdAt: iso(expiresAt - 30 * DAY),
      lastSeenAt: iso(Math.min(now, expiresAt - rng.float(0, 29) * DAY)),
      expiresAt: iso(expiresAt),
    });
  }

  // Shared TTS cache entries (no user column): some fresh, some stale.
  if (rng.chance(0.4)) {
    for (let k = rng.int(1, 2); k > 0; k--) {
      const key = rng.hex(16);
      const lastUsed = now - rng.float(0, 120) * DAY;
      out.ttsAudioCache.push({
        id: rng.uuid(),
        cacheKey: key,
        voice: rng.pick(VOICES),
        storageKey: `tts/${key}.mp3`,
        sizeBytes: rng.int(8_000, 200_000),
        createdAt: iso(lastUsed - rng.float(0, 60) * DAY),
        lastUsedAt: iso(lastUsed),
      });
    }
  }

  // Conversations: 12 % of users have one idle for over a year.
  const conversation = (updated: number) => {
    out.conversations.push({
      id: rng.uuid(),
      userId,
      title: rng.pick(CONVERSATION_TITLES),
      messageCount: rng.int(2, 40),
      createdAt: iso(updated - rng.float(0, 20) * DAY),
      updatedAt: iso(updated),
    });
  };
  if (status !== "deleted") for (let k = rng.int(0, 2); k > 0; k--) conversation(now - rng.float(0, 300) * DAY);
  if (rng.chance(0.12)) conversation(now - rng.float(400, 900) * DAY);

  // Recommendations made by the app: about a third expired.
  if (status === "active") {
    for (let k = rng.int(0, 2); k > 0; k--) {
      const [kind, title] = rng.pick(RECOMMENDATION_KINDS);
      const created = now - rng.float(0, 10) * DAY;
      const expired = rng.chance(0.35);
      out.recommendations.push({
        id: rng.uuid(),
        userId,
        kind,
        title,
        body: null,
        data: {},
        confidence: r2(rng.float(0.5, 0.99)),
        createdAt: iso(created),
        expiresAt: iso(expired ? now - rng.float(0.1, 5) * DAY : now + rng.float(0.5, 7) * DAY),
        dismissedAt: rng.chance(0.1) ? iso(created + HOUR) : null,
      });
    }
  }

  // Old notifications (half expired): cleanup fodder. Keys cannot collide with task keys.
  if (rng.chance(0.2)) {
    const id = rng.uuid();
    const created = now - rng.float(3, 60) * DAY;
    out.notifications.push({
      id,
      userId,
      kind: rng.pick(["welcome", "trip_summary", "tip"]),
      priority: "low",
      title: "Welcome to PAM",
      body: null,
      data: {},
      dedupeKey: `seed:${id}`,
      createdAt: iso(created),
      expiresAt: iso(rng.chance(0.5) ? now - rng.float(0.5, 3) * DAY : now + rng.float(1, 30) * DAY),
      readAt: rng.chance(0.6) ? iso(created + rng.float(1, 48) * HOUR) : null,
    });
  }
}
