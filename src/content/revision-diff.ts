import { diffWords } from 'diff';
import { documentText, type DocNode } from '../doc/index.js';

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

/** A word-level diff, as the editor shows it: deletions struck, insertions marked. */
export function textDiff(from: string, to: string): DiffPart[] {
  return diffWords(from, to).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}

export interface RevisionSnapshot {
  headline: string;
  standfirst: string;
  body: DocNode;
}

/** Compares two saved versions of an article: headline, standfirst and the body as text. */
export function compareRevisions(from: RevisionSnapshot, to: RevisionSnapshot) {
  return {
    headline: textDiff(from.headline ?? '', to.headline ?? ''),
    standfirst: textDiff(from.standfirst ?? '', to.standfirst ?? ''),
    body: textDiff(documentText(from.body), documentText(to.body)),
  };
}
