// Term: a glossary term in running text, underlined with dots, whose definition shows on hover or
// focus; Citation: a paper reference with its arXiv ids as links.
import type { ReactNode } from 'react';
import { citationParts, glossary } from './glossary';
import { Tooltip } from './Tooltip';

export interface TermProps {
  /** The glossary key. */
  term: keyof typeof glossary | string;
  /** What is shown (the term itself by default). */
  children?: ReactNode;
}

/** A defined term. */
export function Term({ term, children }: TermProps) {
  const definition = glossary[term];
  if (!definition) return <>{children ?? term}</>;
  return (
    <Tooltip content={<span className="term-definition"><strong>{term}</strong>: {definition}</span>}>
      <span className="term" tabIndex={0} data-term={term}>
        {children ?? term}
      </span>
    </Tooltip>
  );
}

/** A citation with its arXiv ids linked (opens the abstract in the browser). */
export function Citation({ text }: { text: string }) {
  return (
    <>
      {citationParts(text).map((p, i) =>
        'href' in p ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
