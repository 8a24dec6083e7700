/**
 * `npm run cron -- [--at ISO-8601] [--task NAME] [--url http://127.0.0.1:8787]`: time travel
 * against the running dev worker.
 * - without --task: fires the heartbeat for that instant (truncated to its minute, as Cron
 *   Triggers deliver `scheduledTime`); the dispatcher decides what is due, catch-up included;
 * - with --task: starts a manual run of that one task as of that instant, through the admin API.
 */
import { parseArgs } from "node:util";
import { devAdminToken } from "./lib/dev-vars.ts";
import { fireHeartbeat } from "./lib/wrangler.ts";

const { values } = parseArgs({
  options: {
    at: { type: "string" },
    task: { type: "string" },
    url: { type: "string", default: process.env.WORKER_URL ?? "http://127.0.0.1:8787" },
    token: { type: "string", default: devAdminToken() },
  },
});

const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at: not an ISO-8601 instant: ${values.at}`);
  process.exit(2);
}
const slot = new Date(Math.floor(at.getTime() / 60_000) * 60_000);

async function main(): Promise<Response> {
  if (!values.task) return fireHeartbeat(values.url!, slot);
  return fetch(new URL(`/admin/tasks/${encodeURIComponent(values.task)}/run`, values.url), {
    method: "POST",
    headers: { authorization: `Bearer ${values.token}`, "content-type": "application/json" },
    body: JSON.stringify({ slot: slot.toISOString() }),
  });
}

try {
  const res = await main();
  const what = values.task ? `${values.task} as of` : "heartbeat";
  console.log(`${what} ${slot.toISOString()} → ${res.status} ${(await res.text()).trim()}`);
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  console.error(`could not reach the dev worker at ${values.url}: is \`npm run dev\` running? (${(err as Error).message})`);
  process.exit(1);
}
