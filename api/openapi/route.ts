// GET /openapi.json: the document of every route declared in the registry (public: it holds no data).
import { Router } from 'express';
import { buildOpenApiDocument } from './document';
import type { ApiRegistry } from './registry';

export function openApiRouter(registry: ApiRegistry, publicBaseUrl?: string): Router {
  const router = Router();
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument(registry.routes, { version: '0.1.0', serverUrl: publicBaseUrl });
    res.json(document);
  });
  return router;
}
