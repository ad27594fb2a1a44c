// Staff accounts, for administrators: list, invite (the person gets a sign-in link by email), deactivate
// (their sessions end at once, their keys are refused; the row stays for the audit trail).
import { z } from 'zod';
import type { AppDeps } from '../app';
import { ADMIN, ROLES } from '../auth/roles';
import { sessionOptionsOf } from '../auth/sessions';
import { requestSignInLink } from '../auth/sign-in';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams, isUniqueViolation, notFound } from './common';

const staffOut = z.object({
  id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.string(), deactivatedAt: z.string().nullable(),
});
type StaffRow = { id: string; email: string; name: string; role: string; createdAt: Date; deactivatedAt: Date | null };
const present = (s: StaffRow) => ({ ...s, createdAt: s.createdAt.toISOString(), deactivatedAt: s.deactivatedAt?.toISOString() ?? null });

export function staffRouter(registry: ApiRegistry, deps: AppDeps) {
  const { db, log } = deps;
  const sessions = sessionOptionsOf(deps);
  return registry.router((add) => {
    add({
      method: 'get', path: '/staff', operationId: 'listStaff', tag: 'Staff', roles: ADMIN,
      summary: 'Staff members (active and deactivated), by email',
      responses: { 200: { description: 'Staff', schema: z.object({ items: z.array(staffOut) }) } },
      handler: async () => {
        // Bounded by nature: an admissions office, not a user base.
        const rows = await db.staffUser.findMany({ orderBy: { email: 'asc' }, take: 1000 });
        return { status: 200, body: { items: rows.map(present) } };
      },
    });

    add({
      method: 'post', path: '/staff', operationId: 'inviteStaff', tag: 'Staff', roles: ADMIN,
      summary: 'Invite a staff member: creates the account and emails a sign-in link',
      body: z.strictObject({ email: z.email().max(320), name: z.string().trim().min(1).max(200), role: z.enum(ROLES) }),
      responses: { 201: { description: 'Invited', schema: staffOut }, 409: { description: 'Someone has this email already' } },
      handler: async ({ body, staff }) => {
        let created;
        try {
          created = await db.staffUser.create({ data: { email: body.email.toLowerCase(), name: body.name, role: body.role } });
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new HttpProblem(409, 'Email already used', `A staff member already has ${body.email}.`, { errors: [{ path: 'body.email', message: 'already a staff member', code: 'already_exists' }] });
          }
          throw error;
        }
        await db.auditEvent.create({ data: { actor: `staff:${staff.staffUserId}`, action: 'staff.invited', after: { staffUserId: created.id, role: created.role } } });
        if (deps.mail) {
          const queued = await requestSignInLink(db, deps.mail, created.email, sessions);
          queued?.send.catch((error: Error) => log.warn('invitation email not delivered', { outboxId: queued.outboxId, error: error.message }));
        }
        return { status: 201, body: present(created) };
      },
    });

    add({
      method: 'post', path: '/staff/:id/deactivate', operationId: 'deactivateStaff', tag: 'Staff', roles: ADMIN,
      summary: 'Deactivate a staff member: their sessions end, their keys are refused, they get no sign-in link',
      params: idParams,
      responses: { 200: { description: 'Deactivated', schema: staffOut }, 404: { description: 'No such staff member' }, 422: { description: 'One cannot deactivate oneself' } },
      handler: async ({ params, staff }) => {
        if (params.id === staff.staffUserId) throw new HttpProblem(422, 'Cannot deactivate yourself', 'Ask another administrator.');
        const now = sessions.clock();
        const updated = await db.$transaction(async (tx) => {
          const before = await tx.staffUser.findUnique({ where: { id: params.id } });
          if (!before) throw notFound('Staff member', params.id);
          const after = before.deactivatedAt ? before : await tx.staffUser.update({ where: { id: params.id }, data: { deactivatedAt: now } });
          await tx.staffSession.updateMany({ where: { staffUserId: params.id, revokedAt: null }, data: { revokedAt: now } });
          await tx.auditEvent.create({ data: { actor: `staff:${staff.staffUserId}`, action: 'staff.deactivated', after: { staffUserId: params.id } } });
          return after;
        });
        return { status: 200, body: present(updated) };
      },
    });
  });
}
