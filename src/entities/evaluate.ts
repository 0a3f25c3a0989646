import { nameKey } from './gazetteer.js';
import { ENTITY_KINDS, type EntityKind, type ExtractedEntity } from './types.js';

/** A hand-labelled name: a string, or a name with the other forms the story uses. */
export type LabelledName = string | { name: string; aliases?: string[] };

export interface LabelledStory {
  id: string;
  headline: string;
  standfirst?: string;
  body: string;
  entities: Partial<Record<EntityKind, LabelledName[]>>;
}

export interface KindScore {
  kind: EntityKind | 'micro (person, organisation, place)' | 'micro (all)';
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface StoryErrors {
  id: string;
  missed: string[];
  spurious: string[];
}

function forms(label: LabelledName): string[] {
  return typeof label === 'string' ? [label] : [label.name, ...(label.aliases ?? [])];
}

/**
 * Scores extraction against labels, per story and kind: a found entity is right when it
 * has the label's kind and any of its names or surfaces equals any of the label's forms.
 * Each label is matched at most once.
 */
export function scoreStories(stories: readonly LabelledStory[], extract: (story: LabelledStory) => ExtractedEntity[]): { scores: KindScore[]; errors: StoryErrors[] } {
  const counts = new Map<EntityKind, { tp: number; fp: number; fn: number }>(ENTITY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const errors: StoryErrors[] = [];
  for (const story of stories) {
    const found = extract(story);
    const missed: string[] = [];
    const spurious: string[] = [];
    for (const kind of ENTITY_KINDS) {
      const c = counts.get(kind)!;
      const labels = (story.entities[kind] ?? []).map((l) => ({ label: l, keys: new Set(forms(l).map(nameKey)), used: false }));
      for (const entity of found.filter((e) => e.kind === kind)) {
        const keys = [entity.name, ...entity.surfaces].map(nameKey);
        const match = labels.find((l) => !l.used && keys.some((k) => l.keys.has(k)));
        if (match) {
          match.used = true;
          c.tp++;
        } else if (!labels.some((l) => keys.some((k) => l.keys.has(k)))) {
          c.fp++;
          spurious.push(`${kind}: ${entity.name}`);
        }
      }
      for (const l of labels) {
        if (l.used) continue;
        c.fn++;
        missed.push(`${kind}: ${forms(l.label)[0]}`);
      }
    }
    if (missed.length || spurious.length) errors.push({ id: story.id, missed, spurious });
  }
  const score = (kind: KindScore['kind'], tp: number, fp: number, fn: number): KindScore => {
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp + fn ? tp / (tp + fn) : 1;
    return { kind, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  const scores = ENTITY_KINDS.map((k) => score(k, counts.get(k)!.tp, counts.get(k)!.fp, counts.get(k)!.fn));
  const sum = (kinds: readonly EntityKind[]) => kinds.reduce((acc, k) => ({ tp: acc.tp + counts.get(k)!.tp, fp: acc.fp + counts.get(k)!.fp, fn: acc.fn + counts.get(k)!.fn }), { tp: 0, fp: 0, fn: 0 });
  const core = sum(['person', 'organisation', 'place']);
  const all = sum(ENTITY_KINDS);
  scores.push(score('micro (person, organisation, place)', core.tp, core.fp, core.fn), score('micro (all)', all.tp, all.fp, all.fn));
  return { scores, errors };
}

/** The scores as a plain-text table. */
export function formatScores(scores: readonly KindScore[]): string {
  const header = ['kind', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'];
  const rows = scores.map((s) => [s.kind, s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3), String(s.truePositives), String(s.falsePositives), String(s.falseNegatives)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
