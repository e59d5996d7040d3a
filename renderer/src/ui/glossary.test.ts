import { describe, expect, it } from 'vitest';
import { citationParts, glossary } from './glossary';

describe('citationParts', () => {
  it('links every arXiv id and keeps the text around it', () => {
    expect(citationParts('Leviathan et al. 2023 (arXiv 2211.17192); Chen (arXiv 2302.01318)')).toEqual([
      { text: 'Leviathan et al. 2023 (' },
      { text: 'arXiv 2211.17192', href: 'https://arxiv.org/abs/2211.17192' },
      { text: '); Chen (' },
      { text: 'arXiv 2302.01318', href: 'https://arxiv.org/abs/2302.01318' },
      { text: ')' },
    ]);
  });

  it('leaves text without citations whole', () => {
    expect(citationParts('no paper')).toEqual([{ text: 'no paper' }]);
  });
});

describe('glossary', () => {
  it('defines the terms the panels show', () => {
    for (const term of ['catch-up tokens', '→L / →S', 'matrix hits', 'passed, off path']) expect(glossary[term]).toBeTruthy();
  });
});
