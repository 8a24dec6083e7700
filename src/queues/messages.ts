/**
 * Queue messages: versioned JSON, validated with zod on both sides. Only ids travel in
 * messages, never personal data. A message that fails validation is poison: it is recorded
 * as a dead letter at once and never retried.
 */
import { type ZodError, z } from "zod";

// Any 8-4-4-4-12 hex id, as Postgres's uuid type accepts: z.uuid() would also demand RFC
// version bits and reject ids Postgres stores happily.
const uuid = z.guid();

export const taskMessageSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("task"),
    task: z.string().min(1).max(64),
    runId: uuid,
    /** The run's schedule slot, ISO-8601 UTC: the task's notion of "now". */
    slot: z.iso.datetime(),
    shard: z.int().min(0),
    shards: z.int().min(1).max(1000),
    /** Keyset cursor: the last user id already processed in this shard. */
    cursor: uuid.optional(),
    /** Set for a run targeting one user. */
    userId: uuid.optional(),
  })
  .refine((m) => m.shard < m.shards, { path: ["shard"], message: "shard must be less than shards" });

export const deliveryMessageSchema = z.object({
  v: z.literal(1),
  type: z.enum(["email", "sms"]),
  outboxId: uuid,
});

export type TaskMessage = z.infer<typeof taskMessageSchema>;

/** Why a message is invalid, one line per issue with its path, for dead letters. */
export function describeIssues(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
