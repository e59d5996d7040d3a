// The arithmetic family: multi-step word problems about one person's objects (gains, losses,
// multiplications, equal shares), with one equation per operation as the reasoning steps.
import type { TaskGenerator } from '../generator';
import { assertDifficulty, assertStepIndex } from '../generator';
import type { Problem } from '../problem';
import { createProblem } from '../problem';
import type { Rng } from '../random';
import type { Equation, Operator } from './equation';
import { applyOperator, formatEquation, nearbyWrongNumber, parseEquation } from './equation';
import { fillTemplate, splitSentences, templatePattern } from './templates';

/** Every value in a problem (start, intermediates, answer) stays in 0..MAX_VALUE. */
export const MAX_VALUE = 999;
const START_RANGE = [2, 60] as const;
const MAX_GAIN_OR_LOSS = 60;
const FACTORS = [2, 3, 4, 5] as const;

interface Person {
  name: string;
  pronoun: 'she' | 'he';
}

interface Thing {
  one: string;
  many: string;
}

const PEOPLE: readonly Person[] = [
  ...['Ann', 'Beth', 'Carla', 'Dana', 'Emma', 'Fiona', 'Grace', 'Hana', 'Iris', 'Julia', 'Kate', 'Lily', 'Maya'].map(
    (name) => ({ name, pronoun: 'she' as const }),
  ),
  ...['Adam', 'Ben', 'Carl', 'David', 'Eric', 'Frank', 'Gary', 'Henry', 'Ivan', 'Jack', 'Leo', 'Mark'].map((name) => ({
    name,
    pronoun: 'he' as const,
  })),
];

const THINGS: readonly Thing[] = [
  ...['apple', 'pear', 'plum', 'lemon', 'cookie', 'cupcake', 'marble', 'sticker', 'pencil', 'crayon', 'book'].map(
    (one) => ({ one, many: `${one}s` }),
  ),
  ...['card', 'coin', 'shell', 'stamp', 'bead', 'button', 'ribbon', 'balloon', 'flower', 'egg', 'toy'].map((one) => ({
    one,
    many: `${one}s`,
  })),
  { one: 'peach', many: 'peaches' },
  { one: 'cherry', many: 'cherries' },
  { one: 'candy', many: 'candies' },
];

type OperationKind = 'gain' | 'lose' | 'multiply' | 'divide';

interface Operation {
  kind: OperationKind;
  operand: number;
}

const OPERATORS: Record<OperationKind, Operator> = { gain: '+', lose: '-', multiply: '*', divide: '/' };

// Slots: {Name}, {She}/{she}, {Her}/{her} (pronouns), {n} (a number), {things} (the objects, singular
// when n is 1), {times} (how the amount is multiplied).
const OPENING_TEMPLATES = ['{Name} has {n} {things}.', '{Name} starts with {n} {things}.'];
const OPERATION_TEMPLATES: Record<OperationKind, readonly string[]> = {
  gain: ['Then {she} buys {n} more {things}.', '{She} finds {n} more {things}.', '{Name} gets {n} more {things} from a friend.'],
  lose: ['Then {she} gives away {n} {things}.', '{She} loses {n} {things}.', '{Name} gives {n} {things} to a friend.'],
  multiply: ['The number of {things} {she} has {times}.', 'Then {her} collection of {things} {times}.'],
  divide: [
    '{She} divides {her} {things} into {n} equal groups and keeps one group.',
    'Then {she} shares {her} {things} equally among {n} people and keeps one share.',
  ],
};
const QUESTION_TEMPLATE = 'How many {things} does {Name} have now?';

const SLOT_PATTERNS: Record<string, string> = {
  Name: '[A-Z][a-z]+',
  She: '(?:She|He)',
  she: '(?:she|he)',
  Her: '(?:Her|His)',
  her: '(?:her|his)',
  n: '(\\d+)',
  things: '[a-z]+',
  times: '(doubles|triples|is multiplied by \\d+)',
};

const OPENING_PATTERNS = OPENING_TEMPLATES.map((t) => templatePattern(t, SLOT_PATTERNS));
const OPERATION_PATTERNS = (Object.keys(OPERATION_TEMPLATES) as OperationKind[]).flatMap((kind) =>
  OPERATION_TEMPLATES[kind].map((t) => ({ kind, pattern: templatePattern(t, SLOT_PATTERNS) })),
);

/** How a multiplication reads: "doubles", "triples", "is multiplied by 4". */
function timesPhrase(factor: number): string {
  if (factor === 2) return 'doubles';
  if (factor === 3) return 'triples';
  return `is multiplied by ${factor}`;
}

function factorOfPhrase(phrase: string): number {
  if (phrase === 'doubles') return 2;
  if (phrase === 'triples') return 3;
  return Number(phrase.slice('is multiplied by '.length));
}

interface OperationOption {
  kind: OperationKind;
  drawOperand(rng: Rng): number;
}

/** The operations possible from `value` that keep the result an integer in 0..MAX_VALUE. */
function feasibleOperations(value: number): OperationOption[] {
  const options: OperationOption[] = [];
  const maxGain = Math.min(MAX_GAIN_OR_LOSS, MAX_VALUE - value);
  const maxLoss = Math.min(MAX_GAIN_OR_LOSS, value);
  const factors = value >= 1 ? FACTORS.filter((m) => value * m <= MAX_VALUE) : [];
  const divisors = FACTORS.filter((m) => value >= m && value % m === 0);
  if (maxGain >= 1) options.push({ kind: 'gain', drawOperand: (rng) => rng.int(1, maxGain) });
  if (maxLoss >= 1) options.push({ kind: 'lose', drawOperand: (rng) => rng.int(1, maxLoss) });
  if (factors.length > 0) options.push({ kind: 'multiply', drawOperand: (rng) => rng.pick(factors) });
  if (divisors.length > 0) options.push({ kind: 'divide', drawOperand: (rng) => rng.pick(divisors) });
  return options;
}

/** An operation kind chosen uniformly among the possible ones, then its operand uniformly. */
function chooseOperation(value: number, rng: Rng): Operation {
  const option = rng.pick(feasibleOperations(value));
  return { kind: option.kind, operand: option.drawOperand(rng) };
}

function describeOperation(op: Operation, person: Person, thing: Thing, rng: Rng): string {
  const she = person.pronoun;
  const her = she === 'she' ? 'her' : 'his';
  const countable = op.kind === 'gain' || op.kind === 'lose';
  return fillTemplate(rng.pick(OPERATION_TEMPLATES[op.kind]), {
    Name: person.name,
    she,
    She: capitalize(she),
    her,
    Her: capitalize(her),
    n: op.operand,
    things: countable && op.operand === 1 ? thing.one : thing.many,
    times: timesPhrase(op.operand),
  });
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The start value and operations of a question, read back from its text. */
function parseQuestion(question: string): { start: number; operations: Operation[] } {
  const sentences = splitSentences(question);
  const opening = OPENING_PATTERNS.map((p) => p.exec(sentences[0] ?? '')).find((m) => m !== null);
  if (!opening || sentences.length < 2) throw new Error(`not an arithmetic question: "${question}"`);
  const operations = sentences.slice(1, -1).map((sentence): Operation => {
    for (const { kind, pattern } of OPERATION_PATTERNS) {
      const m = pattern.exec(sentence);
      if (m) return { kind, operand: kind === 'multiply' ? factorOfPhrase(m[1]) : Number(m[1]) };
    }
    throw new Error(`unrecognised sentence in arithmetic question: "${sentence}"`);
  });
  return { start: Number(opening[1]), operations };
}

function isPlausibleResult(e: Equation): boolean {
  return Number.isInteger(e.result) && e.result >= 0 && e.result <= MAX_VALUE;
}

function withOperands(base: Equation, left: number, right: number): Equation {
  return { left, operator: base.operator, right, result: applyOperator(left, base.operator, right) };
}

export const arithmetic: TaskGenerator = {
  family: 'arithmetic',

  generate(rng: Rng, difficulty: number): Problem {
    assertDifficulty(difficulty);
    const person = rng.pick(PEOPLE);
    const thing = rng.pick(THINGS);
    let value = rng.int(START_RANGE[0], START_RANGE[1]);
    const sentences = [fillTemplate(rng.pick(OPENING_TEMPLATES), { Name: person.name, n: value, things: thing.many })];
    const steps: string[] = [];
    for (let i = 0; i < difficulty; i++) {
      const op = chooseOperation(value, rng);
      const operator = OPERATORS[op.kind];
      const equation = { left: value, operator, right: op.operand, result: applyOperator(value, operator, op.operand) };
      sentences.push(describeOperation(op, person, thing, rng));
      steps.push(formatEquation(equation));
      value = equation.result;
    }
    sentences.push(fillTemplate(QUESTION_TEMPLATE, { things: thing.many, Name: person.name }));
    return createProblem('arithmetic', sentences.join(' '), steps, String(value), 'numeric');
  },

  corruptStep(p: Problem, index: number, rng: Rng): string {
    assertStepIndex(p, index);
    const correct = parseEquation(p.steps[index]);
    if (!correct) throw new Error(`not an arithmetic step: "${p.steps[index]}"`);
    const candidates: Equation[] = [{ ...correct, result: nearbyWrongNumber(correct.result, rng) }];
    // Carrying on from a stale value: the amount before the previous operation.
    const previous = index > 0 ? parseEquation(p.steps[index - 1]) : null;
    if (previous && previous.left !== correct.left) {
      const stale = withOperands(correct, previous.left, correct.right);
      if (isPlausibleResult(stale)) candidates.push(stale);
    }
    // Using a number of another sentence in place of this operation's number.
    const misread = p.steps
      .map((step) => parseEquation(step)?.right)
      .filter((n): n is number => n !== undefined && n !== correct.right)
      .map((n) => withOperands(correct, correct.left, n))
      .filter(isPlausibleResult);
    if (misread.length > 0) candidates.push(rng.pick(misread));
    return formatEquation(rng.pick(candidates));
  },

  solve(question: string): string {
    const { start, operations } = parseQuestion(question);
    const answer = operations.reduce((value, op) => applyOperator(value, OPERATORS[op.kind], op.operand), start);
    return String(answer);
  },
};
