// Side effects of the system check. Idempotent: a retried attempt neither duplicates the row nor the email.
import type { ActivityDeps } from './deps';

export function createSystemCheckActivities({ db, mailer, config }: ActivityDeps) {
  return {
    async recordSystemCheck(checkId: string, status: 'recorded' | 'completed'): Promise<void> {
      await db.systemCheck.update({
        where: { id: checkId },
        data: status === 'completed' ? { status, completedAt: new Date() } : { status },
      });
    },

    async sendSystemCheckEmail(checkId: string): Promise<void> {
      const check = await db.systemCheck.findUniqueOrThrow({ where: { id: checkId } });
      if (check.status === 'mailed' || check.status === 'completed') return;
      await mailer.sendMail({
        from: config.mailFrom,
        to: check.recipient,
        subject: 'Jalon : vérification du système réussie / system check passed',
        messageId: `<system-check-${checkId}@jalon>`,
        text:
          `La vérification ${checkId} a traversé l'API, Temporal, la base de données et l'envoi de courriel.\n\n` +
          `Check ${checkId} went through the API, Temporal, the database and email delivery.\n`,
      });
      await db.systemCheck.update({ where: { id: checkId }, data: { status: 'mailed' } });
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createSystemCheckActivities>;
