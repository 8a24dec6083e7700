/**
 * PAM Edge worker entry: HTTP (health, admin), the heartbeat cron, and the queue consumers.
 */
import { dispatchDueTasks } from "./cron/dispatch.ts";
import { enabledTasks, findTask } from "./cron/registry.ts";
import { schedulerDb } from "./db/d1/client.ts";
import type { AppEnv } from "./env.ts";
import { consumeDeadLetter } from "./queues/dead-letter-consumer.ts";
import { consumeDelivery } from "./queues/delivery-consumer.ts";
import type { TaskMessage } from "./queues/messages.ts";
import { consumeTaskMessage } from "./queues/task-consumer.ts";
import { createApp } from "./routes/app.ts";
import { createServices, type Services } from "./services.ts";

const app = createApp();

/** Messages of one batch are settled independently, a few at a time. */
const CONSUMER_CONCURRENCY = 4;
/** Retry delay for a failure that escaped a consumer (e.g. D1 unavailable while recording). */
const ESCAPED_FAILURE_RETRY_SECONDS = 60;

async function settleEach(
  messages: readonly Message<unknown>[],
  handle: (m: Message<unknown>) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const message = messages[next++]!;
      // Consumers settle their own failures; anything escaping them is retried, never dropped.
      await handle(message).catch(() => message.retry({ delaySeconds: ESCAPED_FAILURE_RETRY_SECONDS }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONSUMER_CONCURRENCY, messages.length) }, lane));
}

function consumerFor(services: Services, queue: string): (m: Message<unknown>) => Promise<void> {
  if (queue === "pam-tasks") return (m) => consumeTaskMessage(services, queue, m);
  if (queue.endsWith("-dlq")) return (m) => consumeDeadLetter(services, queue, m);
  return (m) => consumeDelivery(services, queue, m);
}

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),

  async scheduled(controller, env, _ctx) {
    const services = createServices(env);
    await dispatchDueTasks(
      {
        db: schedulerDb(env.DB),
        queue: env.TASKS_QUEUE as Queue<TaskMessage>,
        tasks: enabledTasks(),
        findTask,
        log: services.log,
      },
      new Date(controller.scheduledTime),
    );
  },

  async queue(batch, env, _ctx) {
    const services = createServices(env);
    await settleEach(batch.messages, consumerFor(services, batch.queue));
  },
} satisfies ExportedHandler<AppEnv>;
