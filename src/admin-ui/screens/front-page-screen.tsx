import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { ApiError, errorMessage } from '../api/http.js';
import type { BreakingBanner, FrontPage, FrontPageArrangement, FrontPagePin, FrontPageStory } from '../api/front-page-api.js';
import { useAnnounce } from '../components/announcer.js';
import { DataTable } from '../components/data-table.js';
import { CharCount, Checkbox, TextField } from '../components/field.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { SortableList } from '../components/sortable-list.js';
import { useSections } from '../components/use-directory.js';
import { useSiteSettings } from '../components/use-site-settings.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { ExpiryField, PinSummary } from './front-page-pin.js';
import { FrontPageStorySearch } from './front-page-search.js';
import '../styles/front-page.css';

const NO_BANNER: BreakingBanner = { text: '', url: '', expiresAt: null };

function moved<T>(list: T[], from: number, to: number): T[] {
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * The editors' front page: the lead, up to `maxTop` top stories in order, a breaking
 * banner, and which section rails show in which order. Everything else on the home page
 * is newest first. Saving replaces the whole arrangement and the home page follows at once.
 */
export function FrontPageScreen() {
  useTitle('Front page');
  const api = useApi();
  const announce = useAnnounce();
  const { timeZone } = useSiteSettings();
  const sections = useSections();
  const loaded = useLoad(() => api.frontPage.get(), []);
  const [draft, setDraft] = useState<FrontPageArrangement | null>(null);
  const [banner, setBanner] = useState<BreakingBanner>(NO_BANNER);
  const [bannerOn, setBannerOn] = useState(false);
  const [stories, setStories] = useState<Map<string, FrontPageStory>>(new Map());
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);

  function adopt(page: FrontPage) {
    setDraft({ lead: page.lead, top: page.top, breaking: page.breaking, rails: page.rails });
    setBanner(page.breaking ?? NO_BANNER);
    setBannerOn(page.breaking !== null);
    setStories(new Map(page.stories.map((s) => [s.id, s])));
    setDirty(false);
  }
  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);

  const page = loaded.data;
  if (!draft || !page) {
    return (
      <>
        <PageHeader title="Front page" />
        {loaded.error != null ? <ErrorNotice>{errorMessage(loaded.error)}</ErrorNotice> : <Loading />}
      </>
    );
  }

  const change = (next: Partial<FrontPageArrangement>) => {
    setDraft({ ...draft, ...next });
    setDirty(true);
  };
  const remember = (story: FrontPageStory) => setStories(new Map(stories).set(story.id, story));
  const headline = (pin: FrontPagePin) => stories.get(pin.articleId)?.headline ?? 'Deleted story';
  const pinned = new Set([...(draft.lead ? [draft.lead.articleId] : []), ...draft.top.map((p) => p.articleId)]);
  const sectionName = (id: string) => sections.data?.find((s) => s.id === id)?.name ?? 'Deleted section';

  async function save(event: FormEvent) {
    event.preventDefault();
    if (bannerOn && (!banner.text.trim() || !banner.url.trim())) {
      setError({ message: 'The breaking banner needs its text and a link (or switch it off).', conflict: false });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.frontPage.save(page!.version, { ...draft!, breaking: bannerOn ? { ...banner, text: banner.text.trim(), url: banner.url.trim() } : null });
      loaded.setData(saved);
      announce(saved.inactive.length ? `Front page saved. ${saved.inactive.length} not shown now: see the notes.` : 'Front page saved. The home page shows it now.');
    } catch (err) {
      const conflict = err instanceof ApiError && err.code === 'FRONT_PAGE_CHANGED';
      setError({ message: errorMessage(err), conflict });
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Front page"
        description={<>Choose what leads the home page, pin top stories in order, and set the section rails. Newest first fills the rest. Times are in the site's time zone ({timeZone.replace(/_/g, ' ')}).</>}
      >
        <a className="button" href="/" target="_blank" rel="noopener">
          View the home page
        </a>
      </PageHeader>
      <div className="front-layout">
        <form className="front-form" onSubmit={save} aria-label="Front page arrangement" noValidate>
          <section className="front-block" aria-labelledby="lead-h">
            <h2 id="lead-h" className="front-heading">
              Lead
            </h2>
            {draft.lead ? (
              <div className="pin-card">
                <PinSummary pin={draft.lead} story={stories.get(draft.lead.articleId)} slot="lead" />
                <ExpiryField label="Unpin the lead at" value={draft.lead.expiresAt} timeZone={timeZone} onChange={(expiresAt) => change({ lead: { ...draft.lead!, expiresAt } })} />
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => {
                    change({ lead: null });
                    announce('Lead removed: the newest story with a picture leads');
                  }}
                >
                  Remove lead
                </button>
              </div>
            ) : (
              <p className="front-empty">No lead pinned: the newest story with a picture leads. Choose one with “Lead” in the list of published stories.</p>
            )}
          </section>

          <section className="front-block" aria-labelledby="top-h">
            <h2 id="top-h" className="front-heading">
              Top stories <span className="front-count">{draft.top.length} of {page.maxTop}</span>
            </h2>
            {draft.top.length === 0 ? (
              <p className="front-empty">None pinned: the newest stories follow the lead.</p>
            ) : (
              <p className="field-hint">In this order after the lead, then newest first. A pin may lapse at a time ({timeZone.replace(/_/g, ' ')}); empty keeps it until removed.</p>
            )}
            <SortableList
              items={draft.top}
              label="Top stories in order"
              keyOf={(pin) => pin.articleId}
              labelOf={headline}
              onMove={(from, to) => change({ top: moved(draft.top, from, to) })}
              renderItem={(pin, index) => (
                <div className="pin-row">
                  <PinSummary pin={pin} story={stories.get(pin.articleId)} slot="top" />
                  <ExpiryField
                    label={`Unpin at (top story ${index + 1})`}
                    hint={false}
                    value={pin.expiresAt}
                    timeZone={timeZone}
                    onChange={(expiresAt) => change({ top: draft.top.map((p, i) => (i === index ? { ...p, expiresAt } : p)) })}
                  />
                </div>
              )}
              renderActions={(pin, index) => (
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  aria-label={`Remove ${headline(pin)} from the top stories`}
                  onClick={() => {
                    change({ top: draft.top.filter((_, i) => i !== index) });
                    announce(`${headline(pin)} removed from the top stories`);
                  }}
                >
                  Remove
                </button>
              )}
            />
          </section>

          <section className="front-block" aria-labelledby="breaking-h">
            <h2 id="breaking-h" className="front-heading">
              Breaking banner
            </h2>
            <Checkbox label="Show a breaking-news banner at the top of the home page" checked={bannerOn} onChange={(on) => (setBannerOn(on), setDirty(true))} />
            {bannerOn && (
              <div className="stack">
                <TextField label="Banner text" value={banner.text} maxLength={200} required aside={<CharCount value={banner.text} recommended={120} />} onChange={(text) => (setBanner({ ...banner, text }), setDirty(true))} />
                <TextField label="Link" value={banner.url} required placeholder="/news/live-updates or https://…" hint="A page on this site (/news/…) or an http(s) address." onChange={(url) => (setBanner({ ...banner, url }), setDirty(true))} />
                <ExpiryField label="Take the banner down at" value={banner.expiresAt} timeZone={timeZone} onChange={(expiresAt) => (setBanner({ ...banner, expiresAt }), setDirty(true))} />
              </div>
            )}
          </section>

          <section className="front-block" aria-labelledby="rails-h">
            <h2 id="rails-h" className="front-heading">
              Section rails
            </h2>
            <p className="field-hint">Below the top stories, one rail per section, in this order. Hidden rails are left off the home page.</p>
            <DataTable
              caption="Section rails in order"
              rows={draft.rails}
              rowKey={(rail) => rail.sectionId}
              rowName={(rail) => sectionName(rail.sectionId)}
              onMove={(from, to) => change({ rails: moved(draft.rails, from, to) })}
              columns={[
                { header: 'Section', rowHeader: true, cell: (rail) => sectionName(rail.sectionId) },
                {
                  header: 'On the home page',
                  cell: (rail, index) => (
                    <RailToggle name={sectionName(rail.sectionId)} visible={rail.visible} onChange={(visible) => change({ rails: draft.rails.map((r, i) => (i === index ? { ...r, visible } : r)) })} />
                  ),
                },
              ]}
              empty="No sections yet: each section gets a rail here once it exists."
            />
          </section>

          {error && (
            <ErrorNotice>
              {error.conflict ? 'Someone saved the front page since you opened it. Reload to see their version, then make your change again.' : error.message}
              {error.conflict && (
                <div className="button-row">
                  <button type="button" className="button button-small" onClick={() => (setError(null), loaded.reload())}>
                    Reload
                  </button>
                </div>
              )}
            </ErrorNotice>
          )}
          <div className="button-row front-save">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save front page'}
            </button>
            <span className="field-hint" aria-live="off">
              {dirty ? 'Unsaved changes' : page.savedAt ? `Saved ${formatDateTime(page.savedAt)}${page.savedBy ? ` by ${page.savedBy}` : ''}` : 'Not arranged yet: the home page is newest first.'}
            </span>
          </div>
        </form>

        <FrontPageStorySearch
          pinned={pinned}
          topFull={draft.top.length >= page.maxTop}
          onLead={(story) => {
            remember(story);
            change({ lead: { articleId: story.id, expiresAt: null } });
            announce(`${story.headline} is the lead`);
          }}
          onTop={(story) => {
            remember(story);
            change({ top: [...draft.top, { articleId: story.id, expiresAt: null }] });
            announce(`${story.headline} added as top story ${draft.top.length + 1} of ${draft.top.length + 1}`);
          }}
        />
      </div>
    </>
  );
}

/** A rail's "Show" box: the table's column says what it shows, the hidden name says whose it is ("Show Sport"). */
function RailToggle({ name, visible, onChange }: { name: string; visible: boolean; onChange: (visible: boolean) => void }) {
  return (
    <label className="rail-toggle">
      <input type="checkbox" checked={visible} onChange={(event) => onChange(event.target.checked)} />
      Show<span className="visually-hidden"> {name}</span>
    </label>
  );
}
