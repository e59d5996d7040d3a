import { describe, expect, it } from 'vitest';
// Tests run only in Node; they read the GSM8K fixture from disk.
// eslint-disable-next-line layers/imports
import { readFileSync } from 'node:fs';
// eslint-disable-next-line layers/imports
import { fileURLToPath } from 'node:url';
import type { GradingSpec } from '../datasets';
import { extractAnswer, gradeOutput, parseGsm8kAnswer, parseNumber } from './grader';
import { Rng } from './random';

const numeric: GradingSpec = { kind: 'numeric', tolerance: 1e-6 };
const exact: GradingSpec = { kind: 'exact', caseSensitive: false };

describe('parseNumber', () => {
  it.each([
    ['42', 42],
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['$5', 5],
    ['-$5', -5],
    ['$-5', -5],
    ['-3.5', -3.5],
    ['72.', 72],
    [' 7 ', 7],
    ['.5', 0.5],
    ['+8', 8],
    ['3/4', 0.75],
    ['-1/2', -0.5],
    ['50%', 50],
    ['−4', -4],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toBeCloseTo(value, 12);
  });

  it.each(['', 'abc', '1,23', '12,3456', '1.2.3', '5 apples', '3/0', '--5', '$', '-', '1e5x', 'NaN', 'Infinity', '1 2'])(
    'refuses %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});

describe('extractAnswer', () => {
  it('takes the text after the last Answer: line, trimmed, without a trailing period', () => {
    expect(extractAnswer('<think>12 + 5 = 17\n</think>\nAnswer: 17.', 'numeric')).toBe('17');
    expect(extractAnswer('Answer: 3\nmore thinking\nFinal answer: 5', 'numeric')).toBe('5');
    expect(extractAnswer('Answer: Red.', 'exact')).toBe('Red');
    expect(extractAnswer('answer:   blue  ', 'exact')).toBe('blue');
    expect(extractAnswer('Answer:\n\n  42\n', 'numeric')).toBe('42');
    expect(extractAnswer('**Answer:** **purple**', 'exact')).toBe('purple');
    expect(extractAnswer('Answer: \\boxed{pink}', 'exact')).toBe('pink');
  });

  it('narrows a numeric answer with words to its number', () => {
    expect(extractAnswer('Answer: 14 apples', 'numeric')).toBe('14');
    expect(extractAnswer('Answer: $1,234.', 'numeric')).toBe('$1,234');
    expect(extractAnswer('Answer: \\boxed{12}', 'numeric')).toBe('12');
  });

  it('falls back to the last \\boxed{}, with nested braces', () => {
    expect(extractAnswer('so \\boxed{3} or rather \\boxed{\\frac{1}{2}} done', 'exact')).toBe('\\frac{1}{2}');
    expect(extractAnswer('the result is \\boxed{72}. 5 more words 9', 'numeric')).toBe('72');
    expect(extractAnswer('\\boxed{green} and \\boxed{unclosed', 'exact')).toBe('green');
  });

  it('falls back to the last #### line', () => {
    expect(extractAnswer('16 - 3 - 4 = 9\n9 * 2 = 18\n#### 18', 'numeric')).toBe('18');
    expect(extractAnswer('#### 1,450,000\ntrailing 3', 'numeric')).toBe('1,450,000');
  });

  it('falls back to the last number, or the last non-empty line for exact answers', () => {
    expect(extractAnswer('12 + 5 = 17 and then 17 - 3 = 14 so', 'numeric')).toBe('14');
    expect(extractAnswer('it went down to -7 degrees', 'numeric')).toBe('-7');
    expect(extractAnswer('17-3', 'numeric')).toBe('3');
    expect(extractAnswer('costs $1,250.50 total', 'numeric')).toBe('$1,250.50');
    expect(extractAnswer('<think>Ann has red\n</think>\nred\n\n  ', 'exact')).toBe('red');
    expect(extractAnswer('<think>Ann has red\n</think>\n', 'exact')).toBe('<think>Ann has red');
  });

  it('returns null when nothing is found', () => {
    expect(extractAnswer('', 'numeric')).toBeNull();
    expect(extractAnswer('', 'exact')).toBeNull();
    expect(extractAnswer('no digits here', 'numeric')).toBeNull();
    expect(extractAnswer('\n \n\t\n', 'exact')).toBeNull();
  });
});

describe('gradeOutput', () => {
  it('grades numeric answers within the tolerance', () => {
    expect(gradeOutput('Answer: 14', '14', numeric)).toEqual({ answer: '14', correct: true });
    expect(gradeOutput('Answer: 14.0000001', '14', numeric).correct).toBe(true);
    expect(gradeOutput('Answer: 14.01', '14', numeric).correct).toBe(false);
    expect(gradeOutput('Answer: 14.01', '14', { kind: 'numeric', tolerance: 0.1 }).correct).toBe(true);
    expect(gradeOutput('Answer: 15', '14', numeric).correct).toBe(false);
    expect(gradeOutput('Answer: 1000000000000.0001', '1000000000000', { kind: 'numeric', tolerance: 0 }).correct).toBe(true);
  });

  it('reads commas, currency, signs, \\boxed{} and #### in numeric answers', () => {
    expect(gradeOutput('Answer: $1,234', '1234', numeric).correct).toBe(true);
    expect(gradeOutput('The total is -10 degrees.', '-10', numeric).correct).toBe(true);
    expect(gradeOutput('The total is 10 degrees.', '-10', numeric).correct).toBe(false);
    expect(gradeOutput('so the answer is \\boxed{2,125}', '2,125', numeric).correct).toBe(true);
    expect(gradeOutput('5 * 4 = 20\n#### 20', '20', numeric).correct).toBe(true);
    expect(gradeOutput('I think 3 then 4 then 5', '5', numeric).correct).toBe(true);
  });

  it('grades exact answers case-insensitively unless told otherwise, ignoring quotes and a period', () => {
    expect(gradeOutput('Answer: Red', 'red', exact).correct).toBe(true);
    expect(gradeOutput('Answer: "red".', 'red', exact).correct).toBe(true);
    expect(gradeOutput("Answer: 'red'", 'red', exact).correct).toBe(true);
    expect(gradeOutput('Answer: Red', 'red', { kind: 'exact', caseSensitive: true }).correct).toBe(false);
    expect(gradeOutput('Answer: red', 'red', { kind: 'exact', caseSensitive: true }).correct).toBe(true);
    expect(gradeOutput('Answer: reddish', 'red', exact).correct).toBe(false);
    expect(gradeOutput('Answer: blue', 'red', exact)).toEqual({ answer: 'blue', correct: false });
  });

  it('grades with a regex against the extracted answer, or the whole output without one', () => {
    const spec: GradingSpec = { kind: 'regex', pattern: '^\\s*{answer}\\b' };
    expect(gradeOutput('Answer: 42 apples', '42', spec)).toEqual({ answer: '42 apples', correct: true });
    expect(gradeOutput('Answer: 420', '42', spec).correct).toBe(false);
    expect(gradeOutput('no marker, just 42 here', '42', { kind: 'regex', pattern: 'just {answer}' })).toEqual({
      answer: 'just 42',
      correct: true,
    });
    // The reference is escaped: its dot and dollar match only themselves.
    expect(gradeOutput('Answer: $3.50', '$3.50', { kind: 'regex', pattern: '^{answer}$' }).correct).toBe(true);
    expect(gradeOutput('Answer: $3x50', '$3.50', { kind: 'regex', pattern: '^{answer}$' }).correct).toBe(false);
    expect(gradeOutput('Answer: a$&b', 'a$&b', { kind: 'regex', pattern: '^{answer}$' }).correct).toBe(true);
  });

  it('grades an invalid regex as incorrect without throwing', () => {
    expect(gradeOutput('Answer: 42', '42', { kind: 'regex', pattern: '([' })).toEqual({ answer: null, correct: false });
  });

  it('grades malformed, empty and garbage output as incorrect without throwing', () => {
    for (const output of ['', ' ', '\n\n', 'Answer:', '\\boxed{', '####', '}{', '\u0000\uffff', '😀😀', 'Answer: ']) {
      expect(gradeOutput(output, '14', numeric).correct).toBe(false);
      expect(gradeOutput(output, 'red', exact).correct).toBe(false);
    }
    expect(gradeOutput('Answer: 14', 'not a number', numeric).correct).toBe(false);
  });

  it('survives a fuzz of random garbage', () => {
    const rng = new Rng(2718);
    const pieces = ['Answer:', 'answer :', '\\boxed{', '}', '{', '####', '$', ',', '.', '-', '−', '\n', '\r\n', ' ', '7', '42', '1,234',
      'é', '😀', '\ud800', '\u0000', '"', "'", '**', 'red', '/', '%', '(', '[', '\\'];
    const specs: GradingSpec[] = [numeric, exact, { kind: 'exact', caseSensitive: true }, { kind: 'regex', pattern: '{answer}' }];
    for (let i = 0; i < 3000; i++) {
      const length = rng.int(0, 40);
      const output = Array.from({ length }, () => (rng.chance(0.5) ? rng.pick(pieces) : String.fromCharCode(rng.int(0, 0xffff)))).join('');
      for (const kind of ['numeric', 'exact'] as const) {
        const answer = extractAnswer(output, kind);
        expect(answer === null || typeof answer === 'string').toBe(true);
      }
      for (const spec of specs) {
        const result = gradeOutput(output, rng.pick(['14', 'red', '$1,234', '']), spec);
        expect(typeof result.correct).toBe('boolean');
      }
      expect(() => parseNumber(output)).not.toThrow();
    }
  });

  it('stays fast and total on huge output', () => {
    const huge = `${'.'.repeat(200_000)}x${'1,234'.repeat(50_000)}${'\\boxed{'.repeat(20_000)}`;
    const start = Date.now();
    expect(() => gradeOutput(huge, '1', numeric)).not.toThrow();
    expect(() => gradeOutput(huge, 'x', exact)).not.toThrow();
    expect(gradeOutput(`${'word '.repeat(200_000)}\nAnswer: 7`, '7', numeric).correct).toBe(true);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

// Real lines of GSM8K's test split (answer tails).
const GSM8K_FIXTURES: [string, string][] = [
  ['Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18', '18'],
  ['So the new value of the house is 120,000+80,000=$<<120000+80000=200000>>200,000\nSo he made a profit of 200,000-130,000=$<<200000-130000=70000>>70,000\n#### 70000', '70000'],
  ['that means Johnny picked up 500 + 1500+ 125= <<500+1500+125=2125>>2125 blocks\n#### 2,125', '2125'],
  ['re recorded in Southlandia, Northlandia, and Midlandia is -10 degrees Fahrenheit.\n#### -10', '-10'],
];

/** The project's copy of the GSM8K test split (see fixtures/README.md). */
const GSM8K_FILE = fileURLToPath(new URL('./fixtures/gsm8k-test.jsonl', import.meta.url));

describe('parseGsm8kAnswer', () => {
  it.each(GSM8K_FIXTURES)('reads the final answer of a real GSM8K solution (%#)', (field, expected) => {
    expect(parseGsm8kAnswer(field)).toBe(expected);
  });

  it('returns null without a numeric #### answer', () => {
    expect(parseGsm8kAnswer('no marker 42')).toBeNull();
    expect(parseGsm8kAnswer('#### forty')).toBeNull();
    expect(parseGsm8kAnswer('')).toBeNull();
  });

  it('reads every answer of the GSM8K test file', () => {
    const lines = readFileSync(GSM8K_FILE, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(1000);
    for (const line of lines) {
      const { answer } = JSON.parse(line) as { answer: string };
      const raw = answer.slice(answer.lastIndexOf('####') + 4).trim();
      const parsed = parseGsm8kAnswer(answer);
      expect(parsed, raw).toBe(String(Number(raw.replace(/,/g, ''))));
      // The reference graded against its own solution text is correct.
      expect(gradeOutput(answer, parsed ?? '', numeric).correct).toBe(true);
    }
  });
});
