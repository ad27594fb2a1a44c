// The console's sign-in routes (api/routes/auth.ts) in the OpenAPI document. They are outside the
// key-authenticated registry (nobody is signed in yet), so they are described here, by hand.
const problem = { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const me = {
  type: 'object',
  properties: {
    staffUserId: { type: 'string', format: 'uuid' }, name: { type: 'string' }, email: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'admissions', 'jury_coordinator', 'read_only'] },
    csrfToken: { type: 'string', description: 'Send it back as X-CSRF-Token on every mutating call made with the session cookie.' },
  },
  required: ['staffUserId', 'name', 'email', 'role', 'csrfToken'],
};

export const AUTH_PATHS = {
  '/auth/sign-in-links': {
    post: {
      operationId: 'requestSignInLink', tags: ['Sign-in'], security: [],
      summary: 'Email a single-use sign-in link (15 min) to the active staff member with this address; the same answer whether or not one exists',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'], additionalProperties: false } } } },
      responses: { 202: { description: 'Accepted (sent if the address is a staff member\'s)' }, 400: problem, 403: problem, 429: problem, 503: problem },
    },
  },
  '/auth/sessions': {
    post: {
      operationId: 'createSession', tags: ['Sign-in'], security: [],
      summary: 'Use a sign-in link\'s token (once): sets the session cookie (HttpOnly, SameSite=Lax, Secure on https)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'], additionalProperties: false } } } },
      responses: { 201: { description: 'Signed in', content: { 'application/json': { schema: me } } }, 400: problem, 403: problem, 410: problem, 429: problem },
    },
  },
  '/auth/session': {
    get: {
      operationId: 'getSession', tags: ['Sign-in'], security: [{ sessionCookie: [] }],
      summary: 'Who is signed in, and the CSRF token',
      responses: { 200: { description: 'The session', content: { 'application/json': { schema: me } } }, 401: problem },
    },
    delete: {
      operationId: 'deleteSession', tags: ['Sign-in'], security: [{ sessionCookie: [] }],
      summary: 'Sign out (X-CSRF-Token required)',
      responses: { 204: { description: 'Signed out' }, 403: problem },
    },
  },
} as const;
