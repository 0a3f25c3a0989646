import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { LiveViews } from '../api/analytics-api.js';
import { errorMessage } from '../api/http.js';
import { ErrorNotice } from '../components/notice.js';
import { Link } from '../router/link.js';
import { TimeChart } from './analytics-chart.js';
import { formatCount, viewsText } from './analytics-format.js';

/** How often the live view asks again; views are written every second, so this is the lag. */
export const LIVE_REFRESH_MS = 5000;

/**
 * The last 30 minutes, per minute, refreshed every few seconds while shown. It can be paused
 * (content that moves on its own must be: WCAG 2.2.2), and it does not announce each refresh
 * to screen readers; the summary is there to read when wanted.
 */
export function LiveViews({ timeZone }: { timeZone: string }) {
  const api = useApi();
  const [live, setLive] = useState<LiveViews | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: number | undefined;
    const load = async () => {
      try {
        const next = await api.analytics.live();
        if (stopped) return;
        setLive(next);
        setError(null);
      } catch (err) {
        if (!stopped) setError(err);
      }
      // Hidden tabs wait: no one is watching.
      if (!stopped) timer = window.setTimeout(load, document.hidden ? LIVE_REFRESH_MS * 6 : LIVE_REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, paused]);

  return (
    <section className="panel analytics-live" aria-labelledby="live-title">
      <div className="analytics-panel-head">
        <h2 id="live-title" className="panel-title">
          Live: the last 30 minutes
        </h2>
        <button type="button" className="button button-small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume updates' : 'Pause updates'}
        </button>
      </div>
      {error != null && <ErrorNotice>{errorMessage(error)}</ErrorNotice>}
      {live && (
        <>
          <p className="analytics-big">
            <span className="analytics-number" data-testid="live-total">
              {formatCount(live.total)}
            </span>{' '}
            {live.total === 1 ? 'view' : 'views'} in the last 30 minutes
            <span className="field-hint"> · updated {new Date(live.asOf).toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' })}{paused ? ', paused' : ''}</span>
          </p>
          <TimeChart title="Views per minute, last 30 minutes" points={live.points} slot="minute" timeZone={timeZone} height={160} />
          {live.top.length > 0 && (
            <>
              <h3 className="analytics-subtitle">Read most right now</h3>
              <ol className="analytics-top">
                {live.top.map((story) => (
                  <li key={story.id}>
                    <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline}</Link> <span className="field-hint">{viewsText(story.views)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
