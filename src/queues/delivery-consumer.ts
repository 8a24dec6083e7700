/**
 * Consumer of `pam-notify` and `pam-urgent` (email and SMS delivery). Delivery through
 * providers is not part of this release: a message on these queues is recorded as a dead
 * letter (`delivery_unavailable`) and acknowledged, so nothing is lost or silently retried,
 * and `POST /admin/dead-letters/:id/replay` sends it again once delivery exists. An invalid
 * message is recorded the same way with its validation error.
 */
import { schedulerDb } from "../db/d1/client.ts";
import { recordDeadLetter } from "../db/d1/runs.ts";
import type { Services } from "../services.ts";
import { deliveryMessageSchema, describeIssues } from "./messages.ts";

export async function consumeDelivery(services: Services, queue: string, message: Message<unknown>): Promise<void> {
  const parsed = deliveryMessageSchema.safeParse(message.body);
  const error = parsed.success
    ? "delivery_unavailable: no email/SMS provider is configured in this release"
    : `invalid_message: ${describeIssues(parsed.error)}`;
  await recordDeadLetter(schedulerDb(services.env.DB), {
    queue,
    messageId: message.id,
    body: JSON.stringify(message.body ?? null),
    error,
    attempts: message.attempts,
  });
  services.log.warn("delivery_dead_lettered", { queue, messageId: message.id, code: error.split(":")[0] });
  message.ack();
}
