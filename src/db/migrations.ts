import type { Migration } from 'kysely';
import { coreMigrations } from './migrations-core.js';
import { featureMigrations } from './migrations-features.js';
import { deskTextMigrations } from './migrations-desk-text.js';
import { scaleMigrations } from './migrations-scale.js';

export { CREATE_TRIGRAM_EXTENSION, TRIGRAM_MIGRATION } from './migrations-desk-text.js';

/**
 * Every migration, by name (Kysely applies them in the order of their names). Written once against
 * Kysely's schema builder so both dialects get the same tables. Never edit a migration that has
 * shipped: add one, to the file of its kind.
 */
export const migrations: Record<string, Migration> = { ...coreMigrations, ...featureMigrations, ...scaleMigrations, ...deskTextMigrations };
