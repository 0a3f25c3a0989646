import { useApi } from '../api/api-context.js';
import type { Person, Section } from '../api/types.js';
import { useLoad } from '../lib/use-load.js';

/** Sections in their display order, for selects. */
export function useSections() {
  const api = useApi();
  return useLoad<Section[]>(async () => (await api.sections.list()).slice().sort((a, b) => a.position - b.position || a.name.localeCompare(b.name)), []);
}

/** Every person (bylines), alphabetically, for selects and the authors field. */
export function usePeople() {
  const api = useApi();
  return useLoad<Person[]>(async () => {
    const people: Person[] = [];
    // A newsroom has hundreds of bylines at most; fetch every page once.
    for (let page = 1; page <= 20; page++) {
      const result = await api.people.list({ page, pageSize: 100 });
      people.push(...result.items);
      if (people.length >= result.total || result.items.length === 0) break;
    }
    return people.sort((a, b) => a.name.localeCompare(b.name));
  }, []);
}
