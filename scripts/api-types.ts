// `npm run api-types`: writes the editor app's API types (src/admin-ui/api/generated-types.ts)
// from the admin API's OpenAPI document, which the server builds from its route schemas. A
// field renamed on the server then fails the app's type-check once this has run, and the
// suite fails until it has (test/e2e/api-types.test.ts compares the file with a fresh run).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiTypesSource } from './api-types-source.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../src/admin-ui/api/generated-types.ts', import.meta.url));

writeFileSync(API_TYPES_FILE, await apiTypesSource());
console.log(`api-types: wrote ${API_TYPES_FILE}`);
