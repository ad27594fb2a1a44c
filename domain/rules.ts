/**
 * Jalon's rules without zod: pure functions over plain typed referential data. Workflow code imports
 * this file (never domain/index, which adds the zod schemas): zod and the schemas weighed about 2 MB in
 * every cached workflow. The types are inferred once, in schemas/, and imported here as types only.
 */
export * from './types';
export * from './calendar';
export * from './durations';
export type { Assessment, Block, DegreeCondition, Referential, ReferentialInput, ReferentialIssue, StepConfig } from './schemas/referential';
export * from './referentials/index';
export { rncp37332Data } from './referentials/rncp37332';
export * from './admission';
export * from './eligibility';
export * from './quotas';
export * from './quota-reserve';
export * from './internship';
export * from './jury';
export * from './completion';
export * from './vae-evidence';
export * from './accommodations';
export * from './deadlines';
export * from './local-time';
export * from './bulk-operations';
export * from './selection-reviews';
export * from './proces-verbal';
export * from './cpf-flux';
export * from './cpf-deadline';
export * from './cpf-birth-date';
