/**
 * Postgres schema (SPEC §5): the PAM app's data that the tasks read and write.
 *
 * Conventions:
 * - `profiles.id` is the user id; every other table names it `user_id` (FK, on delete cascade).
 * - Timestamps are timestamptz in UTC, read and written as ISO strings (`mode: "string"`).
 * - Money is numeric(12,2) (strings in JS); a fuel price per litre keeps tenths of a cent,
 *   numeric(12,3), because pumps quote 189.9 c/L.
 * - Physical measurements (km, litres, L/100 km, lat/lng) are double precision: tasks do
 *   arithmetic on them in SQL and the driver returns them as JS numbers.
 * - Enumerations are text + CHECK constraints rather than pg enums: adding a value is one
 *   constraint swap in a migration, never `ALTER TYPE` (which cannot run in a transaction
 *   block on older servers). The allowed values are exported as constants below.
 * - Ids are uuid v4 (`gen_random_uuid()`), uniformly spread, so a shard is a primary-key range.
 * - Archive tables mirror their source's columns (plus `archived_at`) and keep only the
 *   user FK, so archiving never depends on the vehicle or conversation still existing.
 */
import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const PROFILE_STATUSES = ["active", "inactive", "deleted"] as const;
export const EXPENSE_CATEGORIES = ["fuel", "camping", "food", "maintenance", "entertainment", "other"] as const;
/** A budget covers one expense category, or all of them (`total`). */
export const BUDGET_CATEGORIES = [...EXPENSE_CATEGORIES, "total"] as const;
export const MAINTENANCE_STATUSES = ["scheduled", "due_soon", "overdue", "completed"] as const;
export const IMPORTANCE_LEVELS = ["low", "medium", "high", "critical"] as const;
export const TRIP_STATUSES = ["planned", "active", "completed", "cancelled"] as const;
export const NOTIFICATION_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const EMAIL_STATUSES = ["queued", "sent", "failed", "suppressed"] as const;
export const GROUP_ROLES = ["owner", "admin", "member"] as const;

export type ProfileStatus = (typeof PROFILE_STATUSES)[number];
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export type Importance = (typeof IMPORTANCE_LEVELS)[number];
export type TripStatus = (typeof TRIP_STATUSES)[number];
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** A trip's route: a GeoJSON LineString, coordinates as [lng, lat]. */
export interface RouteLineString {
  type: "LineString";
  coordinates: [number, number][];
}

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
const createdAt = () => tstz("created_at").notNull().defaultNow();
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: "string" });
const id = () => uuid("id").primaryKey().defaultRandom();
const userRef = () =>
  uuid("user_id")
    .notNull()
    .references(() => profiles.id, { onDelete: "cascade" });

/** CHECK (column IN (...)) for a text enumeration. */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}

// ─── users ─────────────────────────────────────────────────────────────────────────────

export const profiles = pgTable(
  "profiles",
  {
    id: id(),
    email: text("email").notNull(),
    fullName: text("full_name"),
    status: text("status", { enum: PROFILE_STATUSES }).notNull().default("active"),
    /** IANA zone name; month-to-date budgets and the daily digest follow it. */
    timezone: text("timezone").notNull().default("Australia/Sydney"),
    digestOptIn: boolean("digest_opt_in").notNull().default(false),
    /** Local wall-clock time of the daily digest. */
    digestLocalTime: time("digest_local_time").notNull().default("07:00"),
    emailOptIn: boolean("email_opt_in").notNull().default(true),
    smsOptIn: boolean("sms_opt_in").notNull().default(false),
    phone: text("phone"),
    /** Coarse home region, e.g. `AU-QLD`, `NZ`, `US`, `GB`. */
    region: text("region"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    lastActiveAt: tstz("last_active_at"),
  },
  (t) => [
    uniqueIndex("profiles_email_key").on(t.email),
    index("profiles_status_idx").on(t.status),
    check("profiles_status_check", oneOf(t.status, PROFILE_STATUSES)),
  ],
);

// ─── vehicles, odometer, fuel ──────────────────────────────────────────────────────────

export const vehicles = pgTable(
  "vehicles",
  {
    id: id(),
    userId: userRef(),
    name: text("name").notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
    /** Unknown for some vehicles: such a vehicle gets no fuel estimate. */
    tankCapacityL: doublePrecision("tank_capacity_l"),
    fuelEconomyLPer100km: doublePrecision("fuel_economy_l_per_100km"),
    fuelType: text("fuel_type").notNull().default("diesel"),
    createdAt: createdAt(),
  },
  (t) => [
    index("vehicles_user_idx").on(t.userId),
    // At most one primary vehicle per user; also the lookup path of the per-user tasks.
    uniqueIndex("vehicles_user_primary_key").on(t.userId).where(sql`${t.isPrimary}`),
    check("vehicles_tank_capacity_check", sql`${t.tankCapacityL} is null or ${t.tankCapacityL} > 0`),
    check(
      "vehicles_fuel_economy_check",
      sql`${t.fuelEconomyLPer100km} is null or ${t.fuelEconomyLPer100km} > 0`,
    ),
  ],
);

export const odometerReadings = pgTable(
  "odometer_readings",
  {
    id: id(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
    userId: userRef(),
    odometerKm: doublePrecision("odometer_km").notNull(),
    /** Null when the reading was entered without a position. */
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    recordedAt: tstz("recorded_at").notNull(),
  },
  (t) => [
    index("odometer_readings_user_recorded_idx").on(t.userId, t.recordedAt.desc()),
    index("odometer_readings_vehicle_recorded_idx").on(t.vehicleId, t.recordedAt.desc()),
  ],
);

const fuelLogColumns = () => ({
  userId: userRef(),
  vehicleId: uuid("vehicle_id").notNull(),
  filledAt: tstz("filled_at").notNull(),
  liters: doublePrecision("liters").notNull(),
  pricePerLiter: numeric("price_per_liter", { precision: 12, scale: 3, mode: "string" }),
  totalCost: money("total_cost"),
  odometerKm: doublePrecision("odometer_km").notNull(),
  /** A full tank is the anchor of the fuel estimate; partial top-ups are added on top. */
  fullTank: boolean("full_tank").notNull().default(true),
  lat: doublePrecision("lat"),
  lng: doublePrecision("lng"),
  stationName: text("station_name"),
  createdAt: createdAt(),
});

export const fuelLogs = pgTable(
  "fuel_logs",
  {
    id: id(),
    ...fuelLogColumns(),
    vehicleId: uuid("vehicle_id")
      .notNull()
      .references(() => vehicles.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("fuel_logs_user_filled_idx").on(t.userId, t.filledAt.desc()),
    index("fuel_logs_vehicle_filled_idx").on(t.vehicleId, t.filledAt.desc()),
    index("fuel_logs_filled_idx").on(t.filledAt),
    check("fuel_logs_liters_check", sql`${t.liters} > 0`),
  ],
);

export const fuelLogsArchive = pgTable(
  "fuel_logs_archive",
  { id: uuid("id").primaryKey(), ...fuelLogColumns(), archivedAt: tstz("archived_at").notNull().defaultNow() },
  (t) => [index("fuel_logs_archive_user_filled_idx").on(t.userId, t.filledAt)],
);

// ─── money ─────────────────────────────────────────────────────────────────────────────

const expenseColumns = () => ({
  userId: userRef(),
  amount: money("amount").notNull(),
  category: text("category", { enum: EXPENSE_CATEGORIES }).notNull(),
  /** The traveller's local calendar date of the spend. */
  spentOn: date("spent_on", { mode: "string" }).notNull(),
  description: text("description"),
  createdAt: createdAt(),
});

export const expenses = pgTable(
  "expenses",
  { id: id(), ...expenseColumns() },
  (t) => [
    index("expenses_user_spent_idx").on(t.userId, t.spentOn),
    index("expenses_spent_idx").on(t.spentOn),
    check("expenses_category_check", oneOf(t.category, EXPENSE_CATEGORIES)),
  ],
);

export const expensesArchive = pgTable(
  "expenses_archive",
  { id: uuid("id").primaryKey(), ...expenseColumns(), archivedAt: tstz("archived_at").notNull().defaultNow() },
  (t) => [index("expenses_archive_user_spent_idx").on(t.userId, t.spentOn)],
);

export const budgets = pgTable(
  "budgets",
  {
    id: id(),
    userId: userRef(),
    category: text("category", { enum: BUDGET_CATEGORIES }).notNull(),
    monthlyLimit: money("monthly_limit").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("budgets_user_category_key").on(t.userId, t.category),
    check("budgets_category_check", oneOf(t.category, BUDGET_CATEGORIES)),
    check("budgets_monthly_limit_check", sql`${t.monthlyLimit} > 0`),
  ],
);

// ─── maintenance ───────────────────────────────────────────────────────────────────────

export const maintenanceRecords = pgTable(
  "maintenance_records",
  {
    id: id(),
    userId: userRef(),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "cascade" }),
    item: text("item").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    dueOdometerKm: doublePrecision("due_odometer_km"),
    /** As last flagged; maintenance-reminders recomputes it from dates and odometer. */
    status: text("status", { enum: MAINTENANCE_STATUSES }).notNull().default("scheduled"),
    completedAt: tstz("completed_at"),
    estimatedCost: money("estimated_cost"),
    importance: text("importance", { enum: IMPORTANCE_LEVELS }).notNull().default("medium"),
    notes: text("notes"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("maintenance_records_user_status_idx").on(t.userId, t.status),
    index("maintenance_records_vehicle_idx").on(t.vehicleId),
    check("maintenance_records_status_check", oneOf(t.status, MAINTENANCE_STATUSES)),
    check("maintenance_records_importance_check", oneOf(t.importance, IMPORTANCE_LEVELS)),
  ],
);

// ─── travel ────────────────────────────────────────────────────────────────────────────

export const trips = pgTable(
  "trips",
  {
    id: id(),
    userId: userRef(),
    name: text("name").notNull(),
    status: text("status", { enum: TRIP_STATUSES }).notNull().default("planned"),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at"),
    originName: text("origin_name"),
    originLat: doublePrecision("origin_lat"),
    originLng: doublePrecision("origin_lng"),
    destName: text("dest_name"),
    destLat: doublePrecision("dest_lat"),
    destLng: doublePrecision("dest_lng"),
    distanceKm: doublePrecision("distance_km"),
    /** GeoJSON LineString ([lng, lat] pairs); trip-compression simplifies completed ones. */
    route: jsonb("route").$type<RouteLineString>(),
    compressed: boolean("compressed").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("trips_status_starts_idx").on(t.status, t.startsAt),
    index("trips_user_idx").on(t.userId, t.startsAt),
    check("trips_status_check", oneOf(t.status, TRIP_STATUSES)),
  ],
);

export const calendarEvents = pgTable(
  "calendar_events",
  {
    id: id(),
    userId: userRef(),
    title: text("title").notNull(),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at"),
    locationName: text("location_name"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    createdAt: createdAt(),
  },
  (t) => [
    index("calendar_events_starts_idx").on(t.startsAt),
    index("calendar_events_user_starts_idx").on(t.userId, t.startsAt),
  ],
);

// ─── points of interest ────────────────────────────────────────────────────────────────

export const fuelStations = pgTable(
  "fuel_stations",
  {
    id: id(),
    name: text("name").notNull(),
    brand: text("brand"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    town: text("town"),
    /** ISO 3166-2 subdivision, e.g. `AU-NT`. */
    state: text("state"),
    highway: text("highway"),
    hasDiesel: boolean("has_diesel").notNull().default(true),
    open24h: boolean("open_24h").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("fuel_stations_lat_lng_idx").on(t.lat, t.lng)],
);

export const serviceShops = pgTable(
  "service_shops",
  {
    id: id(),
    name: text("name").notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    phone: text("phone"),
    town: text("town"),
    state: text("state"),
    highway: text("highway"),
    /** Services offered, e.g. ["mechanical", "tyres", "rv"]. */
    services: jsonb("services").$type<string[]>().notNull().default([]),
    rvSpecialist: boolean("rv_specialist").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("service_shops_lat_lng_idx").on(t.lat, t.lng)],
);

// ─── community ─────────────────────────────────────────────────────────────────────────

export const groups = pgTable(
  "groups",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description"),
    region: text("region"),
    /** The creator. A group outlives its creator's account, so this one is set null. */
    userId: uuid("user_id").references(() => profiles.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("groups_user_idx").on(t.userId)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: userRef(),
    role: text("role", { enum: GROUP_ROLES }).notNull().default("member"),
    joinedAt: tstz("joined_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "group_members_pkey", columns: [t.groupId, t.userId] }),
    index("group_members_user_idx").on(t.userId),
    check("group_members_role_check", oneOf(t.role, GROUP_ROLES)),
  ],
);

export const groupPosts = pgTable(
  "group_posts",
  {
    id: id(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: userRef(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("group_posts_group_created_idx").on(t.groupId, t.createdAt),
    index("group_posts_user_idx").on(t.userId),
  ],
);

// ─── PAM usage and analytics ───────────────────────────────────────────────────────────

const interactionColumns = () => ({
  userId: userRef(),
  occurredAt: tstz("occurred_at").notNull(),
  intent: text("intent").notNull(),
  feature: text("feature").notNull(),
  responseMs: integer("response_ms").notNull(),
  error: boolean("error").notNull().default(false),
  device: text("device"),
  region: text("region"),
});

export const pamInteractions = pgTable(
  "pam_interactions",
  { id: id(), ...interactionColumns() },
  (t) => [
    index("pam_interactions_occurred_idx").on(t.occurredAt),
    index("pam_interactions_user_occurred_idx").on(t.userId, t.occurredAt),
  ],
);

export const pamInteractionsArchive = pgTable(
  "pam_interactions_archive",
  { id: uuid("id").primaryKey(), ...interactionColumns(), archivedAt: tstz("archived_at").notNull().defaultNow() },
  (t) => [index("pam_interactions_archive_occurred_idx").on(t.occurredAt)],
);

export const analyticsHourly = pgTable("analytics_hourly", {
  /** Start of the UTC hour aggregated. */
  hour: tstz("hour").primaryKey(),
  interactions: integer("interactions").notNull().default(0),
  uniqueUsers: integer("unique_users").notNull().default(0),
  avgResponseMs: doublePrecision("avg_response_ms"),
  p95ResponseMs: doublePrecision("p95_response_ms"),
  errorRate: doublePrecision("error_rate"),
  topIntents: jsonb("top_intents").notNull().default([]),
  featureUsage: jsonb("feature_usage").notNull().default({}),
  regions: jsonb("regions").notNull().default({}),
  devices: jsonb("devices").notNull().default({}),
  computedAt: tstz("computed_at").notNull().defaultNow(),
});

// ─── housekeeping ──────────────────────────────────────────────────────────────────────

export const userSessions = pgTable(
  "user_sessions",
  {
    id: id(),
    userId: userRef(),
    device: text("device"),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at"),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [index("user_sessions_expires_idx").on(t.expiresAt), index("user_sessions_user_idx").on(t.userId)],
);

/** Synthesised speech shared across users, keyed by a hash of (voice, text). */
export const ttsAudioCache = pgTable(
  "tts_audio_cache",
  {
    id: id(),
    cacheKey: text("cache_key").notNull(),
    voice: text("voice").notNull(),
    storageKey: text("storage_key").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz("last_used_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tts_audio_cache_cache_key_key").on(t.cacheKey), index("tts_audio_cache_last_used_idx").on(t.lastUsedAt)],
);

const conversationColumns = () => ({
  userId: userRef(),
  title: text("title"),
  messageCount: integer("message_count").notNull().default(0),
  createdAt: createdAt(),
  /** Last activity; conversations idle for over a year are archived. */
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export const conversations = pgTable(
  "conversations",
  { id: id(), ...conversationColumns() },
  (t) => [index("conversations_updated_idx").on(t.updatedAt), index("conversations_user_idx").on(t.userId)],
);

export const conversationsArchive = pgTable(
  "conversations_archive",
  { id: uuid("id").primaryKey(), ...conversationColumns(), archivedAt: tstz("archived_at").notNull().defaultNow() },
  (t) => [index("conversations_archive_user_idx").on(t.userId)],
);

export const recommendations = pgTable(
  "recommendations",
  {
    id: id(),
    userId: userRef(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    data: jsonb("data").notNull().default({}),
    confidence: doublePrecision("confidence"),
    /** Deterministic key of the producing rule; null for recommendations made by the app. */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at"),
    dismissedAt: tstz("dismissed_at"),
  },
  (t) => [
    uniqueIndex("recommendations_dedupe_key_key").on(t.dedupeKey),
    index("recommendations_expires_idx").on(t.expiresAt),
    index("recommendations_user_idx").on(t.userId, t.createdAt),
  ],
);

// ─── outbound: notifications and email ─────────────────────────────────────────────────

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: userRef(),
    kind: text("kind").notNull(),
    priority: text("priority", { enum: NOTIFICATION_PRIORITIES }).notNull().default("normal"),
    title: text("title").notNull(),
    body: text("body"),
    data: jsonb("data").notNull().default({}),
    /** Deterministic per (rule, subject, period): inserts use ON CONFLICT DO NOTHING. */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at"),
    readAt: tstz("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key_key").on(t.dedupeKey),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_expires_idx").on(t.expiresAt),
    check("notifications_priority_check", oneOf(t.priority, NOTIFICATION_PRIORITIES)),
  ],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    userId: userRef(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: createdAt(),
    sentAt: tstz("sent_at"),
    openedAt: tstz("opened_at"),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_key_key").on(t.dedupeKey),
    index("email_outbox_status_created_idx").on(t.status, t.createdAt),
    index("email_outbox_user_idx").on(t.userId),
    check("email_outbox_status_check", oneOf(t.status, EMAIL_STATUSES)),
  ],
);
