/**
 * `npm run lockfile:platforms`: completes package-lock.json with the platform-specific
 * optional binaries (biome, workerd for macOS/Windows/musl…) when the registry used for
 * `npm install` could not resolve them — a mirror that carries only some platforms leaves
 * them out, and `npm ci` then refuses the lock as out of sync. The entries carry version, os
 * and cpu, so npm skips them on other platforms and fetches them by version where they apply.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  optionalDependencies?: Record<string, string>;
}

const file = resolve(import.meta.dirname, "../package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };
const packages = lock.packages;

function platformOf(name: string): { os?: string[]; cpu?: string[] } {
  const os = /darwin/.test(name)
    ? "darwin"
    : /win32|windows/.test(name)
      ? "win32"
      : /android/.test(name)
        ? "android"
        : /linux/.test(name)
          ? "linux"
          : undefined;
  const cpu = /arm64/.test(name) ? "arm64" : /x64|-64\b/.test(name) ? "x64" : undefined;
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) continue; // platform binaries are pinned exactly
    // npm resolves upwards from the dependent; the nearest copy of `dep` must be this version.
    const parts = path.split("/node_modules/");
    const dirs: string[] = [];
    for (let i = parts.length; i >= 1 && path; i--) dirs.push(`${parts.slice(0, i).join("/node_modules/")}/node_modules/${dep}`);
    dirs.push(`node_modules/${dep}`);
    const nearest = dirs.find((d) => packages[d]);
    if (nearest && packages[nearest]!.version === version) continue;
    const target = nearest ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    const { os, cpu } = platformOf(dep);
    // Field order as npm writes it, so `npm install` rewrites nothing.
    packages[target] = {
      version,
      ...(cpu ? { cpu } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os } : {}),
    };
    added++;
  }
}
// npm keeps the entries sorted by path; so do we, so a later `npm install` leaves the file alone.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform binar${added === 1 ? "y" : "ies"} added`);
