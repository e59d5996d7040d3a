// The variables family: chains of bindings (`a = 7. b = a + 5. c = b * 2. What is c?`), with one
// step per derived variable in which the variables are replaced by their values (`b = 7 + 5 = 12`).
import type { TaskGenerator } from '../generator';
import { assertDifficulty, assertStepIndex } from '../generator';
import type { Problem } from '../problem';
import { createProblem } from '../problem';
import type { Rng } from '../random';
import type { Operator } from './equation';
import { applyOperator, formatEquation, nearbyWrongNumber } from './equation';
import { splitSentences } from './templates';

/** Every variable's value stays in 0..MAX_VALUE. */
export const MAX_VALUE = 999;
const CONSTANT_RANGE = [1, 20] as const;
// Added or subtracted constants go up to two digits, and even one-step problems may start from two
// constants: otherwise difficulty 1 has under a thousand distinct questions, too few to fill a
// 2000-problem training cell (or a 100-problem test cell, 5% of the space) with distinct ones.
const MAX_ADDEND = 99;
const FACTORS = [2, 3, 4] as const;
/** A variable times a variable is allowed when the product stays at most this (or the factor is 2..4). */
const SMALL_PRODUCT = 100;
const TWO_CONSTANTS_CHANCE = 0.3;
const VARIABLE_OPERAND_CHANCE = 0.4;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Division never appears in this family. */
type BindingOperator = Exclude<Operator, '/'>;
const OPERATORS: readonly BindingOperator[] = ['+', '-', '*'];

type Operand = { kind: 'constant'; value: number } | { kind: 'variable'; name: string };

/** One statement of a question: `a = 7` (no operator) or `c = b * 2`. */
interface Binding {
  name: string;
  left: Operand;
  operator?: BindingOperator;
  right?: Operand;
}

interface Variable {
  name: string;
  value: number;
}

interface Choice {
  operator: BindingOperator;
  right: Operand;
  rightValue: number;
}

/** Inclusive bounds of the constants `left operator c` may use, or null when none keeps 0..MAX_VALUE. */
function constantBounds(left: number, operator: BindingOperator): readonly [number, number] | null {
  const [lo, hi] =
    operator === '+'
      ? [1, Math.min(MAX_ADDEND, MAX_VALUE - left)]
      : operator === '-'
        ? [1, Math.min(MAX_ADDEND, left)]
        : [FACTORS[0], left >= 1 ? Math.min(FACTORS[FACTORS.length - 1], Math.floor(MAX_VALUE / left)) : 0];
  return lo <= hi ? [lo, hi] : null;
}

/** A constant operand: an operator chosen uniformly among the possible ones, then a constant uniformly. */
function pickConstantChoice(left: number, rng: Rng): Choice {
  const operators = OPERATORS.filter((op) => constantBounds(left, op) !== null);
  const operator = rng.pick(operators);
  const [lo, hi] = constantBounds(left, operator) ?? [0, 0];
  const value = rng.int(lo, hi);
  return { operator, right: { kind: 'constant', value }, rightValue: value };
}

function variableChoices(left: number, others: readonly Variable[]): Choice[] {
  return others.flatMap((v): Choice[] => {
    const right: Operand = { kind: 'variable', name: v.name };
    const choices: Choice[] = [];
    if (left + v.value <= MAX_VALUE) choices.push({ operator: '+', right, rightValue: v.value });
    if (v.value <= left) choices.push({ operator: '-', right, rightValue: v.value });
    const product = left * v.value;
    const smallFactor = v.value >= FACTORS[0] && v.value <= FACTORS[FACTORS.length - 1];
    if (left >= 1 && v.value >= 2 && product <= MAX_VALUE && (smallFactor || product <= SMALL_PRODUCT)) {
      choices.push({ operator: '*', right, rightValue: v.value });
    }
    return choices;
  });
}

/** A variable operand: an operator chosen uniformly among those available, then an operand uniformly. */
function pickVariableChoice(choices: readonly Choice[], rng: Rng): Choice {
  const operators = [...new Set(choices.map((c) => c.operator))];
  const operator = rng.pick(operators);
  return rng.pick(choices.filter((c) => c.operator === operator));
}

function operandText(operand: Operand): string {
  return operand.kind === 'constant' ? String(operand.value) : operand.name;
}

function bindingText(b: Binding): string {
  const expression = b.operator && b.right ? `${operandText(b.left)} ${b.operator} ${operandText(b.right)}` : operandText(b.left);
  return `${b.name} = ${expression}.`;
}

const BINDING_PATTERN = /^([a-z]) = ([a-z]|\d+)(?: ([-+*]) ([a-z]|\d+))?\.$/;
const QUESTION_PATTERN = /^What is ([a-z])\?$/;

function parseOperand(text: string): Operand {
  return /^\d+$/.test(text) ? { kind: 'constant', value: Number(text) } : { kind: 'variable', name: text };
}

/** The bindings and the asked variable of a question, read back from its text. */
function parseQuestion(question: string): { bindings: Binding[]; asked: string } {
  const sentences = splitSentences(question);
  const asked = QUESTION_PATTERN.exec(sentences[sentences.length - 1] ?? '');
  if (!asked) throw new Error(`not a variables question: "${question}"`);
  const bindings = sentences.slice(0, -1).map((sentence): Binding => {
    const m = BINDING_PATTERN.exec(sentence);
    if (!m) throw new Error(`unrecognised statement in variables question: "${sentence}"`);
    const binding: Binding = { name: m[1], left: parseOperand(m[2]) };
    if (m[3] !== undefined) {
      binding.operator = m[3] as BindingOperator;
      binding.right = parseOperand(m[4]);
    }
    return binding;
  });
  return { bindings, asked: asked[1] };
}

/** Evaluates bindings in order; a reference to an unbound variable is an error. */
function evaluate(bindings: readonly Binding[]): Map<string, number> {
  const values = new Map<string, number>();
  const valueOf = (operand: Operand): number => {
    if (operand.kind === 'constant') return operand.value;
    const value = values.get(operand.name);
    if (value === undefined) throw new Error(`variable ${operand.name} is used before it is bound`);
    return value;
  };
  for (const b of bindings) {
    const left = valueOf(b.left);
    values.set(b.name, b.operator && b.right ? applyOperator(left, b.operator, valueOf(b.right)) : left);
  }
  return values;
}

function stepText(name: string, left: number, operator: Operator, right: number, result: number): string {
  return `${name} = ${formatEquation({ left, operator, right, result })}`;
}

export const variables: TaskGenerator = {
  family: 'variables',

  generate(rng: Rng, difficulty: number): Problem {
    assertDifficulty(difficulty);
    const constantCount = rng.chance(TWO_CONSTANTS_CHANCE) ? 2 : 1;
    const bound: Variable[] = [];
    const statements: string[] = [];
    const steps: string[] = [];
    for (let i = 0; i < constantCount; i++) {
      const variable = { name: LETTERS[i], value: rng.int(CONSTANT_RANGE[0], CONSTANT_RANGE[1]) };
      bound.push(variable);
      statements.push(bindingText({ name: variable.name, left: { kind: 'constant', value: variable.value } }));
    }
    for (let i = 0; i < difficulty; i++) {
      // The chain runs through the latest variable, so every step is needed for the answer; with two
      // constants the first derived variable combines them both.
      const combineConstants = i === 0 && constantCount === 2;
      const left = combineConstants ? bound[0] : bound[bound.length - 1];
      const others = combineConstants ? [bound[1]] : bound.filter((v) => v !== left);
      const byVariable = variableChoices(left.value, others);
      const useVariable = byVariable.length > 0 && (combineConstants || rng.chance(VARIABLE_OPERAND_CHANCE));
      const choice = useVariable ? pickVariableChoice(byVariable, rng) : pickConstantChoice(left.value, rng);
      const name = LETTERS[bound.length];
      const value = applyOperator(left.value, choice.operator, choice.rightValue);
      statements.push(bindingText({ name, left: { kind: 'variable', name: left.name }, operator: choice.operator, right: choice.right }));
      steps.push(stepText(name, left.value, choice.operator, choice.rightValue, value));
      bound.push({ name, value });
    }
    const last = bound[bound.length - 1];
    const question = `${statements.join(' ')} What is ${last.name}?`;
    return createProblem('variables', question, steps, String(last.value), 'numeric');
  },

  corruptStep(p: Problem, index: number, rng: Rng): string {
    assertStepIndex(p, index);
    const { bindings } = parseQuestion(p.question);
    const values = evaluate(bindings);
    const derived = bindings.filter((b) => b.operator !== undefined);
    const target = derived[index];
    if (!target?.operator || !target.right) throw new Error(`question has no derived variable number ${index}`);
    const operator = target.operator;
    const valueOf = (o: Operand): number => (o.kind === 'constant' ? o.value : (values.get(o.name) ?? NaN));
    const left = valueOf(target.left);
    const right = valueOf(target.right);
    const result = applyOperator(left, operator, right);
    const candidates = [stepText(target.name, left, operator, right, nearbyWrongNumber(result, rng))];
    // Looking up the wrong variable: the value of another variable bound before this one.
    const earlier = bindings.slice(0, bindings.indexOf(target)).map((b) => values.get(b.name) ?? NaN);
    const misreads: string[] = [];
    for (const wrong of new Set(earlier)) {
      const asLeft = applyOperator(wrong, operator, right);
      if (wrong !== left && asLeft >= 0 && asLeft <= MAX_VALUE) misreads.push(stepText(target.name, wrong, operator, right, asLeft));
      const asRight = applyOperator(left, operator, wrong);
      if (target.right.kind === 'variable' && wrong !== right && asRight >= 0 && asRight <= MAX_VALUE) {
        misreads.push(stepText(target.name, left, operator, wrong, asRight));
      }
    }
    if (misreads.length > 0) candidates.push(rng.pick(misreads));
    return rng.pick(candidates);
  },

  solve(question: string): string {
    const { bindings, asked } = parseQuestion(question);
    const value = evaluate(bindings).get(asked);
    if (value === undefined) throw new Error(`the question asks for ${asked}, which is never bound`);
    return String(value);
  },
};
