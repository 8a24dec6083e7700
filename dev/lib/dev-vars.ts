/** Reading `.dev.vars`, the secrets `wrangler dev` gives the worker locally. */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "./wrangler.ts";

export function devVar(name: string): string | undefined {
  const file = resolve(ROOT, ".dev.vars");
  if (!existsSync(file)) return undefined;
  const match = new RegExp(`^${name}=(.*)$`, "m").exec(readFileSync(file, "utf8"));
  return match?.[1]?.trim().replace(/^"(.*)"$/, "$1");
}

/** The admin token the dev worker accepts. */
export function devAdminToken(): string {
  return devVar("ADMIN_TOKEN") ?? "dev-admin-token";
}
