// Registers the journey's search attributes (workflows/search-attributes.ts) on the namespace, on any
// Temporal frontend (dev server, test servers, cluster): a workflow that upserts an unregistered attribute
// fails its workflow task ("search attribute JalonStage is not defined") and stalls.
import type { Connection } from '@temporalio/client';
// Default import: @temporalio/proto is CommonJS, and Node's ESM loader finds no named export in it.
import proto from '@temporalio/proto';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const { temporal } = proto;
const TYPES = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/** Adds the attributes the namespace lacks; returns the names added. Safe to run at every start. */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<string[]> {
  const known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    for (const name of [...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]) known.add(name);
  } catch (error) {
    // The time-skipping test server only implements adding them.
    if ((error as { code?: number }).code !== 12 /* UNIMPLEMENTED */) throw error;
  }
  const missing = JOURNEY_SEARCH_ATTRIBUTES.filter((a) => !known.has(a.name));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((a) => [a.name, TYPES[a.type]])) });
  } catch (error) {
    // Another process registered them meanwhile.
    if ((error as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw error;
  }
  return missing.map((a) => a.name);
}
