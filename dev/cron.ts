/**
 * `npm run cron -- [--at ISO-8601] [--url http://127.0.0.1:8787]`: fires the running dev
 * worker's heartbeat for a chosen instant (time travel). The instant is truncated to its
 * minute, as Cron Triggers deliver `scheduledTime` at minute slots.
 */
import { parseArgs } from "node:util";
import { fireHeartbeat } from "./lib/wrangler.ts";

const { values } = parseArgs({
  options: {
    at: { type: "string" },
    url: { type: "string", default: process.env.WORKER_URL ?? "http://127.0.0.1:8787" },
  },
});

const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at: not an ISO-8601 instant: ${values.at}`);
  process.exit(2);
}
const slot = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
try {
  const res = await fireHeartbeat(values.url!, slot);
  console.log(`heartbeat ${slot.toISOString()} → ${res.status} ${(await res.text()).trim()}`);
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  console.error(`could not reach the dev worker at ${values.url}: is \`npm run dev\` running? (${(err as Error).message})`);
  process.exit(1);
}
