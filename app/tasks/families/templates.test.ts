import { describe, expect, it } from 'vitest';
import { escapeRegExp, fillTemplate, splitSentences, templatePattern } from './templates';

describe('templates', () => {
  it('fill their slots and refuse a missing one', () => {
    expect(fillTemplate('{Name} has {n} {things}.', { Name: 'Ann', n: 3, things: 'pears' })).toBe('Ann has 3 pears.');
    expect(() => fillTemplate('{Name} has {n}.', { Name: 'Ann' })).toThrow(/\{n\}/);
  });

  it('turn into anchored patterns that capture the slots given groups', () => {
    const pattern = templatePattern('Then {she} buys {n} more {things}.', { she: '(?:she|he)', n: '(\\d+)', things: '[a-z]+' });
    expect(pattern.exec('Then he buys 12 more pears.')?.[1]).toBe('12');
    expect(pattern.test('Then he buys 12 more pears. Then')).toBe(false);
    expect(pattern.test('Then he buys 12 more pearsX')).toBe(false);
  });

  it('escape regex metacharacters', () => {
    const text = 'a+b*(c)?[d]{e}.^$|\\';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
  });

  it('split text into sentences', () => {
    expect(splitSentences('a = 7. b = a + 5. What is b?')).toEqual(['a = 7.', 'b = a + 5.', 'What is b?']);
    expect(splitSentences('')).toEqual([]);
  });
});
