import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { link, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { SqliteDatabase as Sqlite } from '../db/sqlite-driver.js';
import pg from 'pg';
import tar from 'tar-stream';
import type { DatabaseTarget } from '../db/index.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, CHECKSUMS_ENTRY, DATABASE_ENTRY, endingAtFailure, MANIFEST_ENTRY, outOfSpace, sha256, type BackupManifest, type EntrySum } from './backup-format.js';

const run = promisify(execFile);

export interface BackupOptions {
  database: DatabaseTarget;
  /** DATA_DIR: its `media/` folder is backed up. */
  dataDir: string;
  file: string;
  now?: () => Date;
}

export interface BackupSummary {
  file: string;
  database: 'sqlite' | 'postgres';
  databaseBytes: number;
  mediaFiles: number;
  mediaBytes: number;
}

/** Every regular file under `root`, as paths relative to it ('/'-separated); symbolic links are not followed. */
export async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let names;
    try {
      names = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  }
  await walk(root);
  return out;
}

/** PostgreSQL's schema for the URL (its search_path), and whether pg_dump / pg_restore exist. */
export async function postgresSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0]!.schema;
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL as libpq's environment for pg_dump and pg_restore: libpq reads a `+` in a URL's
 * query literally where node's pg reads a space (`options=-c+search_path%3Dx`), and a password in
 * the environment is not shown in the process list as a command-line argument would be.
 */
export function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.hostname) env.PGHOST = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const variables: Record<string, string> = { options: 'PGOPTIONS', sslmode: 'PGSSLMODE', host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', dbname: 'PGDATABASE', application_name: 'PGAPPNAME' };
  for (const [key, value] of parsed.searchParams) if (variables[key]) env[variables[key]!] = value;
  return env;
}

export async function postgresTool(name: 'pg_dump' | 'pg_restore'): Promise<string> {
  try {
    await run(name, ['--version']);
    return name;
  } catch {
    throw new BackupError(`${name} was not found: install PostgreSQL's client tools of the server's version or newer (Debian: postgresql-client)`);
  }
}

/** The applied migrations in a SQLite file. */
function sqliteMigrations(file: string): string[] {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

async function postgresMigrations(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(`select name from ${pg.escapeIdentifier(schema)}.kysely_migration order by name`)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * `dateline backup FILE`: a consistent copy of the database — SQLite's online backup API (pages
 * copied while the site keeps reading and writing; WAL keeps both sides consistent) or `pg_dump`
 * (one snapshot transaction) — and every media file, in one tar written beside FILE and renamed
 * into place when complete, so FILE is never a half-written backup.
 *
 * The database is copied first and the media after: a picture uploaded meanwhile is in the backup
 * without a row (the orphan sweep removes it after a restore); media files are never rewritten
 * in place, and a file deleted between the listing and its copy is left out.
 */
export async function createBackup(options: BackupOptions): Promise<BackupSummary> {
  if (existsSync(options.file)) throw Object.assign(new Error(`${options.file} already exists`), { code: 'EEXIST' });
  const folder = dirname(options.file);
  const staging = await mkdtemp(join(folder, '.dateline-backup-')).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new BackupError(`there is no folder ${folder} to write the backup in`);
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') throw new BackupError(`the backup cannot be written in ${folder} (${err.code})`);
    throw err;
  });
  const partial = join(staging, 'backup.tar');
  let pack: ReturnType<typeof tar.pack> | null = null;
  try {
    const kind = options.database.kind;
    const dbCopy = join(staging, kind === 'sqlite' ? 'dateline.db' : 'dateline.pgdump');
    let manifest: BackupManifest;
    const createdAt = (options.now ?? (() => new Date()))().toISOString();
    if (options.database.kind === 'sqlite') {
      const sqliteFile = options.database.file;
      if (!existsSync(sqliteFile)) throw new BackupError(`there is no SQLite database at ${sqliteFile} (DATA_DIR or DATABASE_URL): nothing to back up`);
      try {
        const source = new Sqlite(sqliteFile, { readonly: true, fileMustExist: true });
        try {
          await source.backup(dbCopy);
        } finally {
          source.close();
        }
      } catch (err) {
        // The site's database itself (missing, damaged, not a database); a full disk is handled below.
        const { code, message } = err as { code?: string; message?: string };
        if (!outOfSpace(err) && code?.startsWith('SQLITE_')) throw new BackupError(`the SQLite database ${sqliteFile} cannot be read: ${message} (${code}); nothing was written`);
        throw err;
      }
      manifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt, database: 'sqlite', migrations: sqliteMigrations(dbCopy) };
    } else {
      const { url } = options.database;
      const [tool, schema] = await Promise.all([postgresTool('pg_dump'), postgresSchema(url)]);
      const migrations = await postgresMigrations(url, schema);
      try {
        await run(tool, ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`, `--file=${dbCopy}`], { env: libpqEnvironment(url), maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        throw new BackupError(`pg_dump failed: ${String((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]}`);
      }
      manifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt, database: 'postgres', schema, migrations };
    }

    const tarball = (pack = tar.pack());
    const written = pipeline(tarball, createWriteStream(partial, { flags: 'wx' }));
    // A write that fails (a full disk) ends the backup at once, not only the step it failed in.
    const step = endingAtFailure(written);
    const sums: Record<string, EntrySum> = {};
    const addJson = (name: string, value: unknown) => step(new Promise<void>((resolve, reject) => tarball.entry({ name, mtime: new Date(createdAt) }, JSON.stringify(value, null, 2), (err) => (err ? reject(err) : resolve()))));
    /** Streams a file into the tar under `name`, hashing it on the way; false when it vanished first. */
    const addFile = async (name: string, path: string): Promise<boolean> => {
      let info;
      try {
        info = await lstat(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
      if (!info.isFile()) return false;
      const hash = sha256();
      const header = { name, size: info.size, mtime: info.mtime, mode: 0o644 };
      if (info.size === 0) {
        await step(new Promise<void>((resolve, reject) => tarball.entry(header, Buffer.alloc(0), (err) => (err ? reject(err) : resolve()))));
      } else {
        // Exactly the size announced in the header, even if the file grew since (tar needs it).
        const source = createReadStream(path, { start: 0, end: info.size - 1 });
        source.on('data', (chunk) => hash.update(chunk));
        await step(pipeline(source, tarball.entry(header)));
      }
      sums[name] = { size: info.size, sha256: hash.digest('hex') };
      return true;
    };

    await addJson(MANIFEST_ENTRY, manifest);
    await addFile(DATABASE_ENTRY[kind], dbCopy);
    const mediaRoot = join(options.dataDir, 'media');
    let mediaFiles = 0;
    let mediaBytes = 0;
    for (const path of await filesUnder(mediaRoot)) {
      const name = `media/${path}`;
      if (await addFile(name, join(mediaRoot, path))) {
        mediaFiles++;
        mediaBytes += sums[name]!.size;
      }
    }
    await addJson(CHECKSUMS_ENTRY, sums);
    tarball.finalize();
    await written;
    // A hard link, not a rename: it refuses (EEXIST) to replace a file already there.
    await link(partial, options.file);
    return { file: options.file, database: kind, databaseBytes: sums[DATABASE_ENTRY[kind]]!.size, mediaFiles, mediaBytes };
  } catch (err) {
    pack?.destroy();
    if (outOfSpace(err)) throw new BackupError(`there is not enough space in ${folder} for the backup (${(err as { code: string }).code}); nothing was written`);
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

