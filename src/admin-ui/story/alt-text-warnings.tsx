import type { DocNode } from '../api/types.js';

/**
 * What a reader using a screen reader would miss: pictures without alt text. `heroAlt` is
 * undefined when the story has no hero, null while it loads (no warning until it is known).
 */
export function altTextWarnings(heroAlt: string | null | undefined, body: DocNode): string[] {
  const warnings: string[] = [];
  if (heroAlt === '') warnings.push('The hero picture has no alt text.');
  const missing = bodyPicturesWithoutAlt(body);
  if (missing === 1) warnings.push('A picture in the body has no alt text.');
  if (missing > 1) warnings.push(`${missing} pictures in the body have no alt text.`);
  return warnings;
}

function bodyPicturesWithoutAlt(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  const { type, attrs, content } = node as { type?: unknown; attrs?: { alt?: unknown }; content?: unknown };
  const own = type === 'image' && !(typeof attrs?.alt === 'string' && attrs.alt.trim()) ? 1 : 0;
  return own + (Array.isArray(content) ? content.reduce((n: number, child) => n + bodyPicturesWithoutAlt(child), 0) : 0);
}

/** The warnings in a publishing dialog: it can still go ahead, but knowingly. */
export function AltTextWarnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div className="notice notice-warning" role="alert">
      <p>
        <strong>Missing alt text.</strong> {warnings.join(' ')} Add it so that readers who cannot see the pictures know what they show. You can go ahead anyway.
      </p>
    </div>
  );
}
