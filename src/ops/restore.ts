import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import tar from 'tar-stream';
import { CREATE_TRIGRAM_EXTENSION, migrations as knownMigrations, TRIGRAM_MIGRATION, type DatabaseTarget } from '../db/index.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, CHECKSUMS_ENTRY, DATABASE_ENTRY, endingAtFailure, isSafeEntryName, MANIFEST_ENTRY, MAX_JSON_ENTRY_BYTES, outOfSpace, sha256, type BackupManifest, type EntrySum } from './backup-format.js';
import { filesUnder, libpqEnvironment, postgresTool } from './backup.js';

const run = promisify(execFile);

export interface RestoreOptions {
  database: DatabaseTarget;
  dataDir: string;
  file: string;
  /** Replace a database and media that are already there (they are moved aside, not deleted). */
  force?: boolean;
}

export interface RestoreSummary {
  database: 'sqlite' | 'postgres';
  createdAt: string;
  mediaFiles: number;
  /** Where the replaced database and media were moved (with --force), or null. */
  movedAside: string | null;
}

async function readJson(stream: AsyncIterable<unknown>, name: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const data of stream) {
    const chunk = data as Buffer;
    size += chunk.length;
    if (size > MAX_JSON_ENTRY_BYTES) throw new BackupError(`${name} in the backup is larger than any Dateline writes: not a Dateline backup`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BackupError(`${name} in the backup is not valid JSON: the file is damaged`);
  }
}

/** Refuses a manifest this version cannot restore, with the reason. */
function checkManifest(value: unknown, target: DatabaseTarget): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (!m || m.format !== BACKUP_FORMAT || !Number.isInteger(m.formatVersion) || !Array.isArray(m.migrations) || (m.database !== 'sqlite' && m.database !== 'postgres')) {
    throw new BackupError('the file is not a Dateline backup (its manifest is missing or not ours)');
  }
  if (m.formatVersion! > BACKUP_FORMAT_VERSION) {
    throw new BackupError(`the backup was written by a newer Dateline (backup format ${m.formatVersion}; this version reads ${BACKUP_FORMAT_VERSION}): upgrade Dateline, then restore`);
  }
  const unknown = m.migrations.filter((name) => typeof name !== 'string' || !(name in knownMigrations));
  if (unknown.length) throw new BackupError(`the backup's database is from a newer Dateline (migrations this version does not know: ${unknown.slice(0, 3).join(', ')}): upgrade Dateline, then restore`);
  if (m.database !== target.kind) {
    throw new BackupError(`the backup holds a ${m.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database and this Dateline is set up for ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (DATABASE_URL): restore it with the same kind of database`);
  }
  if (m.database === 'postgres' && (typeof m.schema !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(m.schema))) throw new BackupError('the backup names no usable PostgreSQL schema: the file is damaged');
  return m as BackupManifest;
}

/** Whether the target already holds a site: a database with migrations applied, or media files. */
async function targetInUse(options: RestoreOptions): Promise<string | null> {
  if ((await filesUnder(join(options.dataDir, 'media'))).length) return `${join(options.dataDir, 'media')} has files`;
  if (options.database.kind === 'sqlite') return existsSync(options.database.file) && (await stat(options.database.file)).size > 0 ? `${options.database.file} exists` : null;
  const client = new pg.Client({ connectionString: options.database.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query(`select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'`);
    return found.rowCount ? 'the PostgreSQL schema already has tables' : null;
  } finally {
    await client.end();
  }
}

/**
 * `dateline restore FILE`: everything is read into a staging folder inside DATA_DIR and checked
 * (manifest, entry names, every size and SHA-256) before anything in place is touched, so a
 * truncated, damaged or foreign file changes nothing. Then the database and media are moved in
 * (SQLite, media) or loaded in one transaction (`pg_restore --single-transaction`).
 * An existing site is refused unless `force`, and then moved aside, never deleted.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  try {
    await stat(options.file);
  } catch {
    throw new BackupError(`no backup file at ${options.file}`);
  }
  const inUse = await targetInUse(options);
  if (inUse && !options.force) throw new BackupError(`${inUse}: restore into an empty data folder and database, or pass --force to replace them (they are moved aside)`);
  if (options.database.kind === 'postgres') await postgresTool('pg_restore');
  await mkdir(options.dataDir, { recursive: true });
  const staging = await mkdtemp(join(options.dataDir, '.restore-'));
  try {
    const { manifest, mediaFiles } = await unpack(options, staging);
    const movedAside = inUse ? join(options.dataDir, `.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`) : null;
    if (movedAside) await mkdir(movedAside);
    const mediaTarget = join(options.dataDir, 'media');
    if (options.database.kind === 'sqlite') {
      const target = options.database.file;
      await mkdir(dirname(target), { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(target + suffix)) {
          if (movedAside) await rename(target + suffix, join(movedAside, `dateline.db${suffix}`));
          else await rm(target + suffix);
        }
      }
      await rename(join(staging, DATABASE_ENTRY.sqlite), target);
    } else {
      await loadPostgres(options.database.url, manifest, join(staging, DATABASE_ENTRY.postgres), movedAside !== null);
    }
    if (existsSync(mediaTarget)) {
      if (movedAside) await rename(mediaTarget, join(movedAside, 'media'));
      else await rm(mediaTarget, { recursive: true });
    }
    if (existsSync(join(staging, 'media'))) await rename(join(staging, 'media'), mediaTarget);
    return { database: manifest.database, createdAt: manifest.createdAt, mediaFiles, movedAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Reads the whole tar into `staging`, checking as it goes; throws BackupError on anything amiss. */
async function unpack(options: RestoreOptions, staging: string): Promise<{ manifest: BackupManifest; mediaFiles: number }> {
  const extract = tar.extract();
  // Each step on an entry also ends when the reader fails (a file cut short while an entry's
  // folder was being made), not only when that entry does.
  const unlessFailed = endingAtFailure(new Promise((_, reject) => extract.once('error', reject)));
  const source = createReadStream(options.file);
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  let manifest: BackupManifest | null = null;
  let sums: Record<string, EntrySum> | null = null;
  const seen: Record<string, EntrySum> = {};
  let mediaFiles = 0;
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (!manifest) {
        if (name !== MANIFEST_ENTRY) throw new BackupError('the file is not a Dateline backup (it does not begin with its manifest)');
        manifest = checkManifest(await unlessFailed(readJson(entry, name)), options.database);
        continue;
      }
      if (type !== 'file' || !isSafeEntryName(name) || name === MANIFEST_ENTRY || name in seen) throw new BackupError(`the backup holds an entry Dateline does not write ("${name.slice(0, 80)}"): refused`);
      if (name === CHECKSUMS_ENTRY) {
        sums = (await unlessFailed(readJson(entry, name))) as Record<string, EntrySum>;
        continue;
      }
      if (sums) throw new BackupError(`the backup has "${name.slice(0, 80)}" after its checksums: the file is damaged`);
      const path = join(staging, ...name.split('/'));
      await unlessFailed(mkdir(dirname(path), { recursive: true }));
      const hash = sha256();
      let size = 0;
      const counting = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      const file = createWriteStream(path, { flags: 'wx' });
      try {
        await unlessFailed(pipeline(entry, counting, file));
      } catch (err) {
        // Closed before the staging folder is removed.
        file.destroy();
        throw err;
      }
      seen[name] = { size, sha256: hash.digest('hex') };
      if (name.startsWith('media/')) mediaFiles++;
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    if (outOfSpace(err)) throw new BackupError(`there is not enough space in ${options.dataDir} to restore the backup (${(err as { code: string }).code}): nothing was restored`);
    throw new BackupError(`the backup file is truncated or damaged (${(err as Error).message}): nothing was restored`);
  }
  if (!manifest) throw new BackupError('the file is empty or not a tar file: not a Dateline backup');
  if (!sums) throw new BackupError('the backup ends before its checksums: it is truncated, nothing was restored');
  if (!seen[DATABASE_ENTRY[manifest.database]]) throw new BackupError('the backup holds no database: the file is damaged');
  const listed = Object.keys(sums);
  const bad = [...new Set([...listed, ...Object.keys(seen)])].find((name) => seen[name]?.sha256 !== sums![name]?.sha256 || seen[name]?.size !== sums![name]?.size);
  if (bad) throw new BackupError(`"${bad.slice(0, 80)}" in the backup does not match its checksum: the file is damaged, nothing was restored`);
  return { manifest, mediaFiles };
}

/** Loads the dump in one transaction; a schema already there (with --force) is renamed aside first. */
async function loadPostgres(url: string, manifest: BackupManifest, dump: string, replace: boolean): Promise<void> {
  const schema = manifest.schema!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let asideName: string | null = null;
  try {
    // The schema the site will use: current_schema() is null while the first schema on the search
    // path does not exist yet (a fresh server), so the search path itself is read too.
    const { rows } = await client.query<{ current: string | null; path: string; user: string }>(`select current_schema() as current, current_setting('search_path') as path, current_user as "user"`);
    const first = rows[0]!.path.split(',').map((p) => p.trim().replace(/^"(.*)"$/, '$1')).map((p) => (p === '$user' ? rows[0]!.user : p))[0];
    const target = rows[0]!.current ?? first;
    if (target !== schema) {
      throw new BackupError(`the backup restores into PostgreSQL schema "${schema}" and DATABASE_URL uses "${target}": point DATABASE_URL's search_path at "${schema}" (options=-c search_path=${schema})`);
    }
    // A dump from a site with the desk's trigram indexes (migration 0018) names pg_trgm's operator
    // classes in `public`: on a fresh server the extension comes first. Best effort: where it is
    // refused, pg_restore's error below names what is missing.
    if (manifest.migrations.includes(TRIGRAM_MIGRATION)) await client.query(CREATE_TRIGRAM_EXTENSION).catch(() => undefined);
    const exists = (await client.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount;
    if (exists && replace) {
      asideName = `${schema}_replaced_${Date.now()}`.slice(0, 63);
      await client.query(`alter schema ${pg.escapeIdentifier(schema)} rename to ${pg.escapeIdentifier(asideName)}`);
    } else if (exists) {
      // An empty schema (checked by the caller): pg_restore creates it.
      await client.query(`drop schema ${pg.escapeIdentifier(schema)}`);
    }
  } finally {
    await client.end();
  }
  try {
    // --dbname is required for pg_restore to connect at all; the connection itself comes from the environment.
    await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${libpqEnvironment(url).PGDATABASE ?? 'postgres'}`, dump], { env: libpqEnvironment(url), maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    if (asideName) {
      // Put the replaced site back: the restore left nothing (one transaction).
      const back = new pg.Client({ connectionString: url });
      await back.connect();
      await back.query(`alter schema ${pg.escapeIdentifier(asideName)} rename to ${pg.escapeIdentifier(schema)}`).finally(() => back.end());
    }
    throw new BackupError(`pg_restore failed: ${String((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]}`);
  }
}


