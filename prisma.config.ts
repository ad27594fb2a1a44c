// Prisma CLI configuration. The JS (WebAssembly) engine and the pg adapter let the CLI work where
// Prisma's native engines cannot be downloaded (see README, "Database").
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/jalon' }),
});
