/**
 * Implemented tasks by name. A registry entry without a module here is registered but
 * disabled: the dispatcher never schedules it and /admin/tasks shows it as disabled.
 */
import { fuelMonitoring } from "./fuel-monitoring.ts";
import type { TaskModule } from "./types.ts";

const modules: TaskModule[] = [fuelMonitoring];

export const taskModules: ReadonlyMap<string, TaskModule> = new Map(modules.map((m) => [m.name, m]));
