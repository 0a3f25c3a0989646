import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { ErrorNotice } from '../components/notice.js';
import { useLoad } from '../lib/use-load.js';
import { TimeChart } from '../screens/analytics-chart.js';
import { formatCount } from '../screens/analytics-format.js';

/**
 * The story's own readers in its editor: the total the page shows, today, the last 7 days,
 * a sparkline of the last 30 days and where readers came from. Loaded with the editor (its
 * lazy chunk), so uPlot never weighs on the list screens.
 */
export function ReadersPanel({ articleId, timeZone }: { articleId: string; timeZone: string }) {
  const api = useApi();
  const readers = useLoad(() => api.analytics.article(articleId), [articleId]);
  const data = readers.data;
  return (
    <section className="panel readers-panel" aria-labelledby="readers-title">
      <h2 id="readers-title" className="panel-title">
        Readers
      </h2>
      {readers.error != null && <ErrorNotice>{errorMessage(readers.error)}</ErrorNotice>}
      {data && (
        <>
          <dl className="readers-numbers">
            <div>
              <dt>Views</dt>
              <dd data-testid="readers-total">{formatCount(data.total)}</dd>
            </div>
            <div>
              <dt>Today</dt>
              <dd>{formatCount(data.today)}</dd>
            </div>
            <div>
              <dt>Last 7 days</dt>
              <dd>{formatCount(data.last7Days)}</dd>
            </div>
            <div>
              <dt>Last 30 days</dt>
              <dd>{formatCount(data.last30Days)}</dd>
            </div>
          </dl>
          <TimeChart title="Views per day, last 30 days" points={data.days} slot="day" timeZone={timeZone} height={60} sparkline />
          {data.referrers.length > 0 && (
            <>
              <h3 className="field-hint">Top referrers, last 30 days</h3>
              <ul className="readers-referrers">
                {data.referrers.map((r) => (
                  <li key={r.host}>
                    <span>{r.host}</span> <span>{formatCount(r.views)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="field-hint">One view per reader per day; crawlers are not counted.</p>
        </>
      )}
    </section>
  );
}
