import type { Database } from '../platform/database';
import type { Mailer } from '../platform/mailer';
import type { DocumentSettings } from '../documents/index';

/** What every activity may use: injected, so tests pass real local peers. */
export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  config: {
    mailFrom: string;
    admissionsEmail: string;
    publicBaseUrl: string;
    /** ACTION_LINK_SECRET: seals the action tokens of queued emails (a random one per process when absent). */
    linkSecret?: string;
    /** CANDIDATE_SPACE_LINK_DAYS: how long an email's space link stays valid after the step's deadline (default 30). */
    candidateSpaceLinkDays?: number;
    /**
     * Requests to jury members, reviewers and assessors wait for the person's daily digest instead of one
     * email each (activities/mail/digest.tsx). Set only where the digest workflow runs (platform/run-app.ts).
     */
    requestDigest?: boolean;
  };
  clock: () => Date;
  /** Where files are kept (the jury's procès-verbal); the store's default folder when absent. */
  documents?: DocumentSettings;
  /** Erasure by the retention policy: the document store's and the SMTP sink archive's folders. */
  privacy?: { documentsDir: string; mailboxDir?: string };
}
