import { useMemo, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { AnalyticsQuery, AnalyticsScopeKind, Granularity } from '../api/analytics-api.js';
import { errorMessage } from '../api/http.js';
import { SelectField, TextField } from '../components/field.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { usePeople, useSections } from '../components/use-directory.js';
import { useSiteSettings } from '../components/use-site-settings.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { Link } from '../router/link.js';
import { BarChart, TimeChart } from './analytics-chart.js';
import { formatCount, slotLabel } from './analytics-format.js';
import { LiveViews } from './analytics-live.js';

const SCOPES: { value: AnalyticsScopeKind; label: string }[] = [
  { value: 'site', label: 'The whole site' },
  { value: 'section', label: 'A section' },
  { value: 'author', label: 'An author' },
  { value: 'article', label: 'One story' },
];
const GRANULARITIES: { value: Granularity; label: string }[] = [
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'month', label: 'Month' },
];

/** The desk's analytics: views over time for the site, a section, an author or a story; top stories; referrers; devices; live. */
export function AnalyticsScreen() {
  useTitle('Analytics');
  const api = useApi();
  const { timeZone } = useSiteSettings();
  const sections = useSections();
  const people = usePeople();
  const [scope, setScope] = useState<AnalyticsScopeKind>('site');
  const [id, setId] = useState('');
  const [storyTitle, setStoryTitle] = useState('');
  const [granularity, setGranularity] = useState<Granularity>('day');
  // Unset, the server picks the usual period for the granularity, ending today in the site's time zone.
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [to, setTo] = useState<string | undefined>(undefined);

  const query: AnalyticsQuery = useMemo(() => ({ scope, id: id || undefined, from, to }), [scope, id, from, to]);
  const ready = scope === 'site' || !!id;
  const series = useLoad(async () => (ready ? api.analytics.views(query, granularity) : null), [query, granularity, ready]);
  // Top stories make no sense for one story; the rest follow the chosen scope and period.
  // The chart's own days (the server's defaults, when none are chosen), so every panel covers the same period.
  const spanFrom = series.data?.from;
  const spanTo = series.data?.to;
  const period = useLoad(async () => {
    if (!ready || !spanFrom || !spanTo) return null;
    const q = { ...query, from: spanFrom, to: spanTo };
    const [top, referrers, devices] = await Promise.all([api.analytics.topStories(scope === 'article' ? { ...q, scope: 'site', id: undefined } : q, 10), api.analytics.referrers(q, 8), api.analytics.devices(q)]);
    return { top, referrers, devices };
  }, [query, ready, spanFrom, spanTo]);

  function chooseGranularity(next: Granularity) {
    setGranularity(next);
    setFrom(undefined);
    setTo(undefined);
  }
  function chooseScope(next: AnalyticsScopeKind) {
    setScope(next);
    setId('');
  }
  function chartStory(storyId: string, headline: string) {
    setScope('article');
    setId(storyId);
    setStoryTitle(headline);
    document.getElementById('views-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const scopeName =
    scope === 'site' ? 'the whole site' : scope === 'section' ? sections.data?.find((s) => s.id === id)?.name : scope === 'author' ? people.data?.find((p) => p.id === id)?.name : storyTitle || 'the story';
  const maxTop = Math.max(1, ...(period.data?.top.items.map((s) => s.views) ?? [1]));

  return (
    <div className="analytics">
      <PageHeader title="Analytics" description="Views are counted once per reader per story per day, without cookies; crawlers and prefetches are not counted. Times are in the site's time zone." />
      <LiveViews timeZone={timeZone} />

      <section className="panel" aria-labelledby="views-title">
        <h2 id="views-title" className="panel-title">
          Views over time{scopeName ? `: ${scopeName}` : ''}
        </h2>
        <div className="analytics-controls">
          <SelectField label="Whose views" value={scope} onChange={(v) => chooseScope(v as AnalyticsScopeKind)} options={SCOPES} />
          {scope === 'section' && <SelectField label="Section" value={id} onChange={setId} emptyLabel="Choose a section" options={(sections.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />}
          {scope === 'author' && <SelectField label="Author" value={id} onChange={setId} emptyLabel="Choose an author" options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />}
          <SelectField label="Chart by" value={granularity} onChange={(v) => chooseGranularity(v as Granularity)} options={GRANULARITIES} />
          <TextField label="From" type="date" value={from ?? series.data?.from ?? ''} max={to ?? series.data?.to} onChange={(v) => v && setFrom(v)} />
          <TextField label="To" type="date" value={to ?? series.data?.to ?? ''} min={from ?? series.data?.from} onChange={(v) => v && setTo(v)} />
        </div>
        {scope === 'article' && !id && <p className="field-hint">Choose a story with its Chart button under Top stories.</p>}
        {series.error != null && <ErrorNotice>{errorMessage(series.error)}</ErrorNotice>}
        {ready && !series.data && !series.error && <Loading label="Loading views…" />}
        {series.data && (
          <>
            <p className="analytics-big">
              <span className="analytics-number">{formatCount(series.data.total)}</span> views from {slotLabel(series.data.from, 'day', timeZone)} to {slotLabel(series.data.to, 'day', timeZone)}
            </p>
            <TimeChart title={`Views per ${series.data.granularity}`} points={series.data.points} slot={series.data.granularity} timeZone={series.data.timeZone} />
          </>
        )}
      </section>

      {period.error != null && <ErrorNotice>{errorMessage(period.error)}</ErrorNotice>}
      {period.data && (
        <div className="analytics-grid">
          <section className="panel" aria-labelledby="top-title">
            <h2 id="top-title" className="panel-title">
              Top stories{scope === 'article' ? ' on the site' : ''}
            </h2>
            {period.data.top.items.length === 0 ? (
              <p className="field-hint">No views in this period.</p>
            ) : (
              <ol className="analytics-top">
                {period.data.top.items.map((story) => (
                  <li key={story.id}>
                    <div className="analytics-top-row">
                      <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline}</Link>
                      <span className="analytics-top-views">{formatCount(story.views)}</span>
                      <button type="button" className="button button-small button-quiet" onClick={() => chartStory(story.id, story.headline)} aria-label={`Chart the views of “${story.headline}”`}>
                        Chart
                      </button>
                    </div>
                    <span className="analytics-meter" style={{ width: `${(story.views / maxTop) * 100}%` }} aria-hidden="true" />
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="panel" aria-labelledby="referrers-title">
            <h2 id="referrers-title" className="panel-title">
              Where readers came from
            </h2>
            <BarChart title="Views by referrer host" items={period.data.referrers.items.map((r) => ({ label: r.host, value: r.views }))} />
          </section>
          <section className="panel" aria-labelledby="devices-title">
            <h2 id="devices-title" className="panel-title">
              Devices
            </h2>
            <BarChart title="Views by device" items={period.data.devices.items.map((d) => ({ label: d.device[0]!.toUpperCase() + d.device.slice(1), value: d.views }))} />
          </section>
        </div>
      )}
    </div>
  );
}
