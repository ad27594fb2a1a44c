// All activities, built over injected clients and registered by the worker.
import type { ActivityDeps } from './deps';
import { createSystemCheckActivities } from './system-check';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
