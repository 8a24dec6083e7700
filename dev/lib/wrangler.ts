/**
 * Running wrangler from dev tooling: the pinned binary, offline-friendly environment
 * (no metrics, no fetch of the `Request.cf` object, config kept inside the repo).
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    XDG_CONFIG_HOME: resolve(ROOT, ".config"),
    ...extra,
  };
}

export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(resolve(ROOT, "node_modules/.bin/wrangler"), args, {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: "inherit",
    ...options,
  });
}

/** Runs wrangler to completion; rejects with its exit code on failure. */
export function runWrangler(args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawnWrangler(args, options);
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`wrangler ${args[0]} exited with ${code}`))));
  });
}

/** Fires the dev worker's scheduled handler as the heartbeat would at `at`. */
export async function fireHeartbeat(workerUrl: string, at: Date, cron = "* * * * *"): Promise<Response> {
  const url = new URL("/cdn-cgi/handler/scheduled", workerUrl);
  url.searchParams.set("cron", cron);
  url.searchParams.set("time", String(at.getTime()));
  return fetch(url);
}
