import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable } from './database-unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test('a database that cannot be reached is told apart from bugs and bad input', () => {
  for (const err of [
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('the database system is starting up', '57P03'),
    withCode('sorry, too many clients already', '53300'),
    withCode('database is locked', 'SQLITE_BUSY'),
    Object.assign(new Error('query failed'), { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
  ])
    assert.equal(isDatabaseUnavailable(err), true, err.message);
  for (const err of [
    new Error('Cannot read properties of undefined'),
    withCode('duplicate key value violates unique constraint', '23505'),
    withCode('UNIQUE constraint failed: articles.slug', 'SQLITE_CONSTRAINT_UNIQUE'),
    withCode('syntax error at or near "selec"', '42601'),
    null,
    undefined,
    'a string',
  ])
    assert.equal(isDatabaseUnavailable(err), false, String((err as Error | null)?.message ?? err));
});
