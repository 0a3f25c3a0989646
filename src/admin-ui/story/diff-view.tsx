import type { DiffPart } from '../api/types.js';

/** A text diff: insertions underlined in green, deletions struck through in red. */
export function DiffView({ label, parts }: { label: string; parts: DiffPart[] }) {
  const changed = parts.some((p) => p.op !== 'equal');
  return (
    <section className="diff">
      <h3>
        {label} {!changed && <span className="field-hint">(unchanged)</span>}
      </h3>
      <div className="diff-text">
        {parts.length === 0 && <span className="field-hint">Empty</span>}
        {parts.map((part, i) => {
          if (part.op === 'insert')
            return (
              <ins key={i}>
                <span className="visually-hidden">[added: </span>
                {part.text}
                <span className="visually-hidden">]</span>
              </ins>
            );
          if (part.op === 'delete')
            return (
              <del key={i}>
                <span className="visually-hidden">[removed: </span>
                {part.text}
                <span className="visually-hidden">]</span>
              </del>
            );
          return <span key={i}>{part.text}</span>;
        })}
      </div>
    </section>
  );
}
