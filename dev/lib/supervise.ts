/**
 * Runs the SQL endpoint (dev/neon-http/main.ts) as a child process and restarts it when it
 * dies, as a managed database would come back. Its pid is written to .data/neon-http.pid, so
 * an outage can be rehearsed: `kill $(cat .data/neon-http.pid)` → /health answers 503 naming
 * postgres until the endpoint is back a few seconds later.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { endpointAnswers, endpointUrl } from "./database.ts";
import { ROOT } from "./wrangler.ts";

const RESTART_DELAY_MS = 3000;

export interface SupervisedEndpoint {
  endpoint: string;
  stop(): Promise<void>;
}

export async function superviseSqlEndpoint(port: number): Promise<SupervisedEndpoint> {
  const endpoint = endpointUrl(port);
  const pidFile = resolve(ROOT, ".data/neon-http.pid");
  mkdirSync(resolve(ROOT, ".data"), { recursive: true });
  let child: ChildProcess | undefined;
  let stopping = false;

  const start = () => {
    child = spawn(process.execPath, [resolve(ROOT, "dev/neon-http/main.ts"), "--port", String(port)], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    writeFileSync(pidFile, String(child.pid));
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`SQL endpoint exited (${signal ?? code}); restarting in ${RESTART_DELAY_MS / 1000} s`);
      setTimeout(() => !stopping && start(), RESTART_DELAY_MS);
    });
  };

  start();
  for (let i = 0; i < 240 && !(await endpointAnswers(endpoint)); i++) await new Promise((r) => setTimeout(r, 250));
  if (!(await endpointAnswers(endpoint))) throw new Error(`the SQL endpoint did not start on port ${port}`);

  return {
    endpoint,
    stop: () =>
      new Promise<void>((done) => {
        stopping = true;
        if (!child || child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}
