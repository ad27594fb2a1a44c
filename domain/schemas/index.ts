// The zod schemas of domain input and of a referential: for the API, activities and tests, never workflows.
export * from './calendar';
export * from './referential';
export * from './accommodations';
export * from './eligibility';
export * from './internship';
export * from './jury';
export * from './quotas';
export * from './completion';
export * from './cpf-identity';
export * from './cpf-settings';
