// The console's API types (console/src/api/schema.d.ts) are generated from the staff API's OpenAPI
// document: a route changed without regenerating them (npm run console:openapi) fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleApiTypes } from '../../api/openapi/console-types';
import { projectRoot } from '../../platform/tools';

describe('console API types', () => {
  it('match the OpenAPI document of the routes', async () => {
    const committed = readFileSync(path.join(projectRoot, 'console', 'src', 'api', 'schema.d.ts'), 'utf8');
    expect(committed === (await consoleApiTypes()), 'console/src/api/schema.d.ts is stale: run npm run console:openapi').toBe(true);
  });
});
