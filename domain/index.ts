/**
 * Jalon's domain: the certification rules as pure functions over referential data (rules.ts, no zod),
 * and the zod schemas of their input and of a referential (schemas/). Imports nothing but zod and itself
 * (no Node, Prisma, Temporal or Express), and never reads the clock. The API, activities and tests import
 * this file; workflow code imports domain/rules.ts only, so that zod stays out of the workflow bundle.
 */
export * from './rules';
export * from './schemas/index';
