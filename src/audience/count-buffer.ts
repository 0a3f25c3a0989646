import { addTo, type CountedView, type Tally } from './view-tally.js';

interface DayCounts {
  views: number;
  devices: Map<string, number>;
  hosts: Map<string, number>;
}

interface ArticleCounts {
  total: number;
  days: Map<string, DayCounts>;
  hours: Map<string, number>;
  minutes: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Views counted in this process since the last write, by article. Built for the hot path: the
 * day, hour and minute keys are the same string objects for a whole minute, so a view adds to a
 * few small maps without making a single new string. It becomes a tally (view-tally.ts) only
 * when it is written, once a second.
 */
export function createCountBuffer() {
  const articles = new Map<string, ArticleCounts>();
  const readers = new Map<string, number>();

  return {
    add(view: CountedView): void {
      let counts = articles.get(view.articleId);
      if (!counts) articles.set(view.articleId, (counts = { total: 0, days: new Map(), hours: new Map(), minutes: new Map() }));
      counts.total++;
      let day = counts.days.get(view.day);
      if (!day) counts.days.set(view.day, (day = { views: 0, devices: new Map(), hosts: new Map() }));
      day.views++;
      bump(day.devices, view.device);
      if (view.host) bump(day.hosts, view.host);
      bump(counts.hours, view.hour);
      bump(counts.minutes, view.minute);
    },

    /** A reader new to the site today. */
    addReader(day: string): void {
      bump(readers, day);
    },

    pending: (articleId: string) => articles.get(articleId)?.total ?? 0,

    get empty(): boolean {
      return articles.size === 0 && readers.size === 0;
    },

    toTally(): Tally {
      const tally: Tally = new Map();
      for (const [id, counts] of articles) {
        addTo(tally, `t|${id}`, counts.total);
        for (const [day, c] of counts.days) {
          addTo(tally, `d|${id}|${day}`, c.views);
          for (const [device, n] of c.devices) addTo(tally, `v|${id}|${day}|${device}`, n);
          for (const [host, n] of c.hosts) addTo(tally, `r|${id}|${day}|${host}`, n);
        }
        for (const [hour, n] of counts.hours) addTo(tally, `h|${id}|${hour}`, n);
        for (const [minute, n] of counts.minutes) addTo(tally, `m|${id}|${minute}`, n);
      }
      for (const [day, n] of readers) addTo(tally, `u|${day}`, n);
      return tally;
    },
  };
}

export type CountBuffer = ReturnType<typeof createCountBuffer>;
