import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pino } from 'pino';
import { testDatabases } from '../../test/support/databases.js';
import { createArticleService, createDirectoryService } from '../content/index.js';
import { createLocalMediaStorage, createMediaService } from '../media/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import type { FetchMediaResult, MediaFetcher } from './fetch-media.js';
import { parseNinjs, type IncomingStory } from './ninjs.js';
import { createWireImporter, type ImportOutcome, type Imported } from './wire-importer.js';

function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

function story(input: unknown): IncomingStory {
  const result = parseNinjs(input);
  assert.ok(result.ok, JSON.stringify(result));
  return result.item;
}

function imported(outcome: ImportOutcome): Imported {
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 120, b: 90 } } }).jpeg().toBuffer();

/** Serves a real photo for every href except those listed as missing or as HTML posing as a picture. */
function fakeFetcher(options: { missing?: string[]; html?: string[] } = {}): MediaFetcher {
  return {
    async fetchMedia(href: string): Promise<FetchMediaResult> {
      if (options.missing?.includes(href)) return { ok: false, reason: 'not_found', message: 'HTTP 404' };
      if (options.html?.includes(href)) return { ok: true, bytes: Buffer.from('<!doctype html><p>not a picture'), contentType: 'image/jpeg' };
      return { ok: true, bytes: photo, contentType: 'image/jpeg' };
    },
  };
}

for (const target of await testDatabases()) {
  async function setup(fetcher: MediaFetcher = fakeFetcher()) {
    const handle = await target.create();
    const root = mkdtempSync(join(tmpdir(), 'dateline-wire-'));
    const clock = createManualClock('2025-07-06T10:00:00Z');
    const newId = createIdGenerator();
    const log = pino({ level: 'silent' });
    const media = createMediaService({ db: handle.db, storage: createLocalMediaStorage(root), clock, newId, log });
    const importer = createWireImporter({ db: handle.db, articles: createArticleService({ db: handle.db, clock, newId }), directory: createDirectoryService({ db: handle.db, clock, newId }), media, fetcher, clock, log, defaultSection: 'news' });
    const articles = createArticleService({ db: handle.db, clock, newId });
    const count = async (table: 'articles' | 'media') => (await handle.db.selectFrom(table).select('id').execute()).length;
    return { handle, root, importer, articles, count };
  }

  test(`[${target.name}] further pictures go to the media library with their credits, in the story's transaction`, async () => {
    const { handle, importer, count } = await setup();
    try {
      const result = imported(await importer.importStory(story(fixture('ninjs-1x-composite.json')), { publish: true }));
      assert.equal(result.status, 'published');
      const article = await handle.db.selectFrom('articles').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
      const rows = await handle.db.selectFrom('media').select(['id', 'credit', 'caption', 'show_disclaimer']).execute();
      assert.equal(rows.length, 2, 'the hero and one further picture; the logo is not a picture');
      const hero = rows.find((r) => r.id === article.hero_media_id);
      assert.deepEqual([hero?.credit, Number(hero?.show_disclaimer)], ['RivageWire/Lucie Marchand', 1]);
      const further = rows.find((r) => r.id !== article.hero_media_id);
      assert.deepEqual([further?.credit, Number(further?.show_disclaimer)], ['AFP', 1], 'an agency credit turns the disclaimer on');
      assert.match(further?.caption ?? '', /marks out the next strip/);
      assert.equal(await count('articles'), 1);
    } finally {
      await handle.close();
    }
  });

  for (const [failure, fetcher, pattern] of [
    ['cannot be fetched', fakeFetcher({ missing: ['https://rivagewire.example/photos/5522-main.jpg'] }), /Could not fetch/],
    ['is not a picture', fakeFetcher({ html: ['https://rivagewire.example/photos/5522-main.jpg'] }), /was refused/],
  ] as const) {
    test(`[${target.name}] when a further picture ${failure}, nothing of the item is written and no file is left`, async () => {
      const { handle, root, importer, count } = await setup(fetcher);
      try {
        const outcome = await importer.importStory(story(fixture('ninjs-1x-composite.json')), { publish: true });
        assert.ok(!outcome.ok);
        assert.equal(outcome.field, 'associations.portrait.renditions.main.href');
        assert.match(outcome.message, pattern);
        assert.deepEqual([await count('articles'), await count('media')], [0, 0]);
        assert.deepEqual(filesUnder(root), [], 'the hero prepared before the failure was discarded');
      } finally {
        await handle.close();
      }
    });
  }

  test(`[${target.name}] a withheld item kills the live story it updates and is never published`, async () => {
    const { handle, importer, articles } = await setup();
    try {
      const live = imported(await importer.importStory(story(fixture('ninjs-3x-story.json')), { publish: true }));
      assert.equal(live.status, 'published');
      const kill = imported(await importer.importStory(story(fixture('ninjs-3x-withheld.json')), { publish: true }));
      assert.deepEqual([kill.id, kill.status, kill.killed, kill.pubStatus, kill.updated], [live.id, 'unpublished', true, 'withheld', true]);
      const after = await articles.get(live.id);
      assert.equal(after?.status, 'unpublished');
      assert.equal(after?.headline, 'Fjord bridge to close for six weeks of repairs', 'a kill changes nothing else');
      // The same kill again, or a cancellation, leaves it down and is not an error.
      const again = imported(await importer.importStory(story({ ...fixture('ninjs-3x-withheld.json'), pubStatus: 'cancelled' }), { publish: true }));
      assert.deepEqual([again.status, again.killed, again.pubStatus], ['unpublished', false, 'canceled']);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a withheld item with no earlier story is refused and writes nothing`, async () => {
    const { handle, importer, count } = await setup();
    try {
      const outcome = await importer.importStory(story(fixture('ninjs-3x-withheld.json')), { publish: true });
      assert.ok(!outcome.ok);
      assert.equal(outcome.field, 'pubStatus');
      assert.match(outcome.message, /withheld this item, and no story was imported from it/);
      const canceled = await importer.importStory(story({ ...fixture('ninjs-2x-description-text.json'), pubstatus: 'canceled' }), { publish: true });
      assert.ok(!canceled.ok);
      assert.equal(canceled.field, 'pubstatus');
      assert.deepEqual([await count('articles'), await count('media')], [0, 0]);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a draft stays a draft, and a scheduled story goes back to draft, when the item is withheld`, async () => {
    const { handle, importer, articles } = await setup();
    try {
      const draft = imported(await importer.importStory(story(fixture('ninjs-2x-description-text.json')), { publish: false }));
      const held = imported(await importer.importStory(story({ ...fixture('ninjs-2x-description-text.json'), pubstatus: 'withheld' }), { publish: true }));
      assert.deepEqual([held.id, held.status, held.killed], [draft.id, 'draft', false]);

      const other = imported(await importer.importStory(story(fixture('ninjs-2x-composite.json')), { publish: false }));
      await articles.schedule(other.id, new Date('2025-07-07T06:00:00Z'));
      const unscheduled = imported(await importer.importStory(story({ ...fixture('ninjs-2x-composite.json'), pubstatus: 'withheld' }), { publish: true }));
      assert.deepEqual([unscheduled.status, unscheduled.killed], ['draft', false]);
      assert.equal((await articles.get(other.id))?.scheduledAt, null);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] the same uri again updates the story instead of duplicating it`, async () => {
    const { handle, importer, count } = await setup();
    try {
      const first = imported(await importer.importStory(story(fixture('ninjs-2x-description-text.json')), { publish: false }));
      const item = { ...fixture('ninjs-2x-description-text.json'), headlines: [{ value: 'Ferry company buys three electric boats' }] };
      const second = imported(await importer.importStory(story(item), { publish: false }));
      assert.deepEqual([second.id, second.updated], [first.id, true]);
      assert.equal(await count('articles'), 1);
    } finally {
      await handle.close();
    }
  });
}
