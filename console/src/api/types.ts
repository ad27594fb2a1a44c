// Shapes of the answers the OpenAPI document describes only in words (their routes declare no response
// schema yet). Kept here, next to the generated types, until the routes declare them.
export type Role = 'admin' | 'admissions' | 'jury_coordinator' | 'read_only';

export interface Me {
  staffUserId: string;
  name: string;
  email: string;
  role: Role;
  csrfToken: string;
}

export interface Awaited {
  who: { role?: string; kind?: string; ref?: string } | string;
  what: string;
  subjectRef?: string;
  dueAtMs?: number;
}

export interface JourneyViewRow {
  journeyId: string;
  stage: string;
  status: string;
  awaiting: Awaited[];
  nextDueAt: string | null;
  version: number;
  updatedAt: string;
}

export interface CandidateDetail {
  id: string;
  externalRef: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  route: string;
  language: string;
  cohort: { id: string; code: string; referentialCode: string };
  journeyId: string;
  journey: JourneyViewRow | null;
}

export interface JourneyState {
  stage: string;
  status: string;
  outcome?: string;
  awaiting: Awaited[];
  blocks: { code: string; status: string }[];
  recentEvents: { seq: number; atMs: number; action: string }[];
}

export interface TimelineEvent {
  id: string;
  actor: string;
  action: string;
  at?: string;
  createdAt?: string;
}

export interface EmailRow {
  id: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  resendCount: number;
}

export interface StageCount {
  stage: string;
  status: string;
  count: number;
  overdue: number;
}

export interface CandidateListRow {
  id: string;
  cohortId: string;
  externalRef: string | null;
  firstName: string;
  lastName: string;
  email: string;
  route: string;
  journey: { stage: string | null; status: string | null; nextDueAt: string | null; overdue: boolean; awaiting: Awaited[] | null } | null;
}

export interface ImportRow {
  line: number;
  externalRef: string | null;
  status: 'created' | 'existing' | 'rejected';
  candidateId: string | null;
  reasons: unknown;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
