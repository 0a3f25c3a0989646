import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '../styles/analytics.css';
import { formatCount, seriesSummary, slotLabel, slotSeconds, tickLabel, type Slot } from './analytics-format.js';

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A value axis as wide as its longest label ("20,000" needs more room than uPlot's default 50 px gives "0"). */
function valueAxisSize(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(1, ...(values ?? []).map((v) => v.length));
  return 18 + longest * 7.5;
}

/** A category label cut to the room its bar has, with an ellipsis; the summary and table carry the whole name. */
function fitLabel(label: string, roomPx: number): string {
  const chars = Math.max(3, Math.floor(roomPx / 7));
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

/**
 * Draws with uPlot into a container that may change width: the chart is made once per
 * `make` (a new series or options), resized as its container is, and destroyed on unmount.
 */
function useUplot(make: (width: number) => { options: uPlot.Options; data: uPlot.AlignedData }, deps: readonly unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const width = () => Math.max(120, Math.floor(element.clientWidth));
    const { options, data } = make(width());
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      if (width() !== chart.width) chart.setSize({ width: width(), height: chart.height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

export interface TimeChartProps {
  /** What the chart shows, for its caption and table: "Views per day". */
  title: string;
  points: { t: string; views: number; visitors?: number }[];
  slot: Slot;
  timeZone: string;
  height?: number;
  /** A small line without axes (the story's Readers panel). */
  sparkline?: boolean;
}

/**
 * Views over time, drawn. Screen readers get the summary sentence and a table of every
 * point instead of the canvas (which is hidden from them).
 */
export function TimeChart({ title, points, slot, timeZone, height = 220, sparkline = false }: TimeChartProps) {
  const withVisitors = points.some((p) => p.visitors !== undefined);
  const ref = useUplot(
    (width) => {
      const accent = cssColor('--accent', '#1d4ed8');
      const series: uPlot.Series[] = [{ label: 'Time' }, { label: 'Views', stroke: accent, width: 2, fill: sparkline ? undefined : `${accent}22`, points: { show: points.length <= 40 } }];
      if (withVisitors && !sparkline) series.push({ label: 'Readers', stroke: cssColor('--ink-3', '#5f6b7a'), width: 1.5, dash: [4, 4] });
      const data: uPlot.AlignedData = [points.map((p) => slotSeconds(p.t, slot)), points.map((p) => p.views)];
      if (series.length === 3) data.push(points.map((p) => p.visitors ?? 0));
      const calendar = slot === 'day' || slot === 'month';
      const options: uPlot.Options = {
        width,
        height,
        series,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
        // Hours and minutes are shown on the site's clock, days and months as the calendar says.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), calendar ? 'UTC' : timeZone),
        legend: { show: !sparkline && series.length > 2 },
        cursor: { show: !sparkline },
        axes: sparkline
          ? [{ show: false }, { show: false }]
          : [
              { stroke: cssColor('--ink-2', '#4a5360'), space: slot === 'hour' ? 110 : 70, values: (_u, splits) => splits.map((s) => tickLabel(s, slot, timeZone)) },
              { stroke: cssColor('--ink-2', '#4a5360'), size: valueAxisSize, values: (_u, splits) => splits.map((v) => formatCount(v)) },
            ],
      };
      return { options, data };
    },
    [points, slot, timeZone, height, sparkline],
  );
  const summary = seriesSummary(points, slot, timeZone);
  return (
    <figure className={sparkline ? 'chart chart--spark' : 'chart'}>
      <figcaption className={sparkline ? 'visually-hidden' : 'chart-summary'}>
        <span className="visually-hidden">{title}: </span>
        {summary}
      </figcaption>
      <div ref={ref} className="chart-canvas" aria-hidden="true" data-chart={title} />
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{slot === 'minute' ? 'Minute' : slot[0]!.toUpperCase() + slot.slice(1)}</th>
            <th scope="col">Views</th>
            {withVisitors && <th scope="col">Readers</th>}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.t}>
              <th scope="row">{slotLabel(p.t, slot, timeZone)}</th>
              <td>{p.views}</td>
              {withVisitors && <td>{p.visitors ?? 0}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface BarChartProps {
  title: string;
  items: { label: string; value: number }[];
  height?: number;
  /** What a value counts, for the summary: "views". */
  unit?: string;
}

/** Categories as bars (referrer hosts, devices), drawn, with the same text alternative. */
export function BarChart({ title, items, height = 200, unit = 'views' }: BarChartProps) {
  const ref = useUplot(
    (width) => {
      const accent = cssColor('--accent', '#1d4ed8');
      const bars = uPlot.paths.bars!({ size: [0.6, 64] });
      const options: uPlot.Options = {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, Math.max(items.length, 1) - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.15)] } },
        series: [{ label: 'Category' }, { label: title, fill: accent, stroke: accent, paths: bars, points: { show: false } }],
        axes: [
          {
            stroke: cssColor('--ink-2', '#4a5360'),
            splits: () => items.map((_, i) => i),
            // Each bar's share of the chart's width (less the value axis), less a gap, is the room its label has.
            values: (u, splits) => splits.map((i) => fitLabel(items[i]?.label ?? '', (u.width - 70) / Math.max(1, items.length) - 6)),
            gap: 6,
            size: 40,
          },
          { stroke: cssColor('--ink-2', '#4a5360'), size: valueAxisSize, values: (_u, splits) => splits.map((v) => formatCount(v)) },
        ],
      };
      return { options, data: [items.map((_, i) => i), items.map((item) => item.value)] as uPlot.AlignedData };
    },
    [items, height, title],
  );
  const total = items.reduce((sum, item) => sum + item.value, 0);
  const summary = total
    ? `${formatCount(total)} ${unit} in all: ${items
        .filter((item) => item.value > 0)
        .map((item) => `${item.label} ${formatCount(item.value)} (${Math.round((item.value / total) * 100)}%)`)
        .join(', ')}.`
    : `No ${unit} in this period.`;
  return (
    <figure className="chart">
      <figcaption className="chart-summary">
        <span className="visually-hidden">{title}: </span>
        {summary}
      </figcaption>
      <div ref={ref} className="chart-canvas" aria-hidden="true" data-chart={title} />
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {items.map((item) => (
            <tr key={item.label}>
              <th scope="row">{item.label}</th>
              <td>{item.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
