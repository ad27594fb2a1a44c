/**
 * Jalon's domain: the certification rules as pure functions over referential data.
 * Imports nothing but zod and itself (no Node, Prisma, Temporal or Express), and never reads the clock:
 * safe to import from Temporal workflow code, activities and the API alike.
 */
export * from './types';
export * from './calendar';
export * from './durations';
export * from './referential/schema';
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
export * from './cpf-identity';
export * from './cpf-flux';
export * from './cpf-deadline';
