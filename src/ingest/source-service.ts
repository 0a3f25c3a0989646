import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { ValidationError } from '../shared/errors.js';
import { SourceNotFound } from './errors.js';
import { folderPathInsideRoot } from './source-fetch.js';
import type { SourceFields, SourceRepo, WireSource } from './source-repo.js';
import type { PollReport, WirePoller } from './wire-poller.js';

export const SOURCE_DEFAULTS = { intervalMinutes: 15, keepHours: 72, autoPublish: false, paused: false } as const;

export interface SourceServiceDeps {
  repo: SourceRepo;
  poller: Pick<WirePoller, 'pollSource'>;
  clock: Clock;
  newId: IdGenerator;
  folderRoot: string | null;
}

/** Wire sources as the desk edits them: the rules that span fields live here, shapes in the route schemas. */
export function createSourceService(deps: SourceServiceDeps) {
  function check(fields: Pick<SourceFields, 'kind' | 'url' | 'folder'>): void {
    if (fields.kind === 'folder') {
      if (!fields.folder) throw new ValidationError('folder', 'folder: a folder source needs a folder');
      if (!deps.folderRoot) throw new ValidationError('folder', 'folder: folder sources need INGEST_FOLDER_ROOT to be set');
      if (!folderPathInsideRoot(deps.folderRoot, fields.folder)) throw new ValidationError('folder', `folder: must be inside the ingest folder root (${deps.folderRoot})`);
      return;
    }
    if (!fields.url) throw new ValidationError('url', `url: a ${fields.kind} source needs a URL`);
  }

  async function get(id: string): Promise<WireSource> {
    const source = await deps.repo.get(id);
    if (!source) throw new SourceNotFound(id);
    return source;
  }

  return {
    list: () => deps.repo.list(),
    get,
    async create(input: Partial<SourceFields> & Pick<SourceFields, 'name' | 'kind'>): Promise<WireSource> {
      const fields: SourceFields = { url: null, folder: null, sectionSlug: null, credit: null, ...SOURCE_DEFAULTS, ...input };
      if (fields.kind !== 'folder') fields.folder = null;
      else fields.url = null;
      check(fields);
      const id = deps.newId();
      await deps.repo.insert(id, fields, deps.clock.now().toISOString());
      return get(id);
    },
    async update(id: string, patch: Partial<SourceFields>): Promise<WireSource> {
      const current = await get(id);
      const merged = { ...current, ...patch };
      check(merged);
      // Unpausing or changing the address polls soon rather than at the old time.
      const pollSoon = (patch.paused === false && current.paused) || patch.url !== undefined || patch.folder !== undefined;
      await deps.repo.update(id, patch, pollSoon ? deps.clock.now().toISOString() : undefined);
      return get(id);
    },
    async remove(id: string): Promise<void> {
      if (!(await deps.repo.remove(id))) throw new SourceNotFound(id);
    },
    /** Polls one source now, whatever its schedule (the desk's "Poll now"); paused sources too. */
    async pollNow(id: string): Promise<PollReport> {
      return deps.poller.pollSource(await get(id));
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;
