// Headers on every response: what the API answers holds personal data (no cache may keep it) and is
// never to be sniffed into another type; over https, browsers are told to stay on https.
import type { RequestHandler } from 'express';

export function securityHeaders(publicBaseUrl: string): RequestHandler {
  const https = publicBaseUrl.startsWith('https://');
  return (_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    // Static assets served later (the console's hashed files) set their own Cache-Control over this one.
    res.set('Cache-Control', 'no-store');
    if (https) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
