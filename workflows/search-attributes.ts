// The journey's search attributes: what staff filter on in the Temporal UI (stage, status, cohort, next
// due date). Registered at start (platform/services for the dev server, test/support for the test servers,
// `temporal operator search-attribute create` on a cluster: docs/upgrading.md) and upserted on each transition.
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

export const JalonStage = defineSearchAttributeKey('JalonStage', SearchAttributeType.KEYWORD);
export const JalonStatus = defineSearchAttributeKey('JalonStatus', SearchAttributeType.KEYWORD);
export const JalonCohort = defineSearchAttributeKey('JalonCohort', SearchAttributeType.KEYWORD);
export const JalonNextDueAt = defineSearchAttributeKey('JalonNextDueAt', SearchAttributeType.DATETIME);

/** Name and type of each, for registration (the CLI's `--search-attribute Name=Type`). */
export const JOURNEY_SEARCH_ATTRIBUTES = [
  { name: JalonStage.name, type: 'Keyword' },
  { name: JalonStatus.name, type: 'Keyword' },
  { name: JalonCohort.name, type: 'Keyword' },
  { name: JalonNextDueAt.name, type: 'Datetime' },
] as const;
