// The swaps family: people holding colored balls swap them pairwise; the question asks for the color
// one person holds at the end. Each step names the swap and then restates everyone's color in the
// question's order, so the state a step needs is always in the line just before it.
import type { TaskGenerator } from '../generator';
import { assertDifficulty, assertStepIndex } from '../generator';
import type { Problem } from '../problem';
import { createProblem } from '../problem';
import type { Rng } from '../random';
import { splitSentences } from './templates';

const NAMES = ['Ann', 'Ben', 'Cal', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Liz'] as const;
// All colors take the article "a", so the opening sentence never changes shape.
const COLORS = ['red', 'blue', 'green', 'yellow', 'white', 'black', 'pink', 'purple'] as const;
const FOUR_PEOPLE_MIN_DIFFICULTY = 5;
const FOUR_PEOPLE_CHANCE = 0.5;

type Holdings = Map<string, string>;

interface Swap {
  first: string;
  second: string;
}

function openingSentence(people: readonly string[], colors: readonly string[]): string {
  const clauses = people.map((name, i) => `${name} has a ${colors[i]} ball`);
  return `${clauses.slice(0, -1).join(', ')}, and ${clauses[clauses.length - 1]}.`;
}

function stepText(swap: Swap, after: Holdings): string {
  const state = [...after].map(([name, color]) => `${name} has ${color}`).join(', ');
  return `${swap.first} and ${swap.second} swap: ${state}`;
}

function applySwap(holdings: Holdings, swap: Swap): Holdings {
  const after = new Map(holdings);
  after.set(swap.first, holdings.get(swap.second) ?? '');
  after.set(swap.second, holdings.get(swap.first) ?? '');
  return after;
}

const HOLDING_PATTERN = /(?:^|, )(?:and )?([A-Z][a-z]+) has a ([a-z]+) ball/g;
const SWAP_PATTERN = /^([A-Z][a-z]+) and ([A-Z][a-z]+) swap balls\.$/;
const QUESTION_PATTERN = /^What color is the ball ([A-Z][a-z]+) has\?$/;

/** The starting holdings, the swaps and the asked person of a question, read back from its text. */
function parseQuestion(question: string): { start: Holdings; swaps: Swap[]; asked: string } {
  const sentences = splitSentences(question);
  const asked = QUESTION_PATTERN.exec(sentences[sentences.length - 1] ?? '');
  const start: Holdings = new Map([...(sentences[0] ?? '').matchAll(HOLDING_PATTERN)].map((m) => [m[1], m[2]]));
  const wellFormed = start.size >= 2 && sentences[0] === openingSentence([...start.keys()], [...start.values()]);
  if (!asked || !wellFormed) throw new Error(`not a swaps question: "${question}"`);
  const swaps = sentences.slice(1, -1).map((sentence): Swap => {
    const m = SWAP_PATTERN.exec(sentence);
    if (!m || !start.has(m[1]) || !start.has(m[2])) throw new Error(`unrecognised sentence in swaps question: "${sentence}"`);
    return { first: m[1], second: m[2] };
  });
  return { start, swaps, asked: asked[1] };
}

/** Holdings after each prefix of swaps: element i is the state before swap i (the last is the end state). */
function history(start: Holdings, swaps: readonly Swap[]): Holdings[] {
  const states = [start];
  for (const swap of swaps) states.push(applySwap(states[states.length - 1], swap));
  return states;
}

function samePair(a: Swap, b: Swap): boolean {
  return (a.first === b.first && a.second === b.second) || (a.first === b.second && a.second === b.first);
}

export const swaps: TaskGenerator = {
  family: 'swaps',

  generate(rng: Rng, difficulty: number): Problem {
    assertDifficulty(difficulty);
    const count = difficulty >= FOUR_PEOPLE_MIN_DIFFICULTY && rng.chance(FOUR_PEOPLE_CHANCE) ? 4 : 3;
    const people = rng.shuffle([...NAMES]).slice(0, count);
    const colors = rng.shuffle([...COLORS]).slice(0, count);
    let holdings: Holdings = new Map(people.map((name, i) => [name, colors[i]]));
    const sentences = [openingSentence(people, colors)];
    const steps: string[] = [];
    let previous: Swap | null = null;
    for (let i = 0; i < difficulty; i++) {
      // Never swap the same pair twice in a row: the second swap would just undo the first.
      let swap: Swap;
      do {
        const [first, second] = rng.shuffle([...people]);
        swap = { first, second };
      } while (previous && samePair(swap, previous));
      holdings = applySwap(holdings, swap);
      sentences.push(`${swap.first} and ${swap.second} swap balls.`);
      steps.push(stepText(swap, holdings));
      previous = swap;
    }
    const asked = rng.pick(people);
    sentences.push(`What color is the ball ${asked} has?`);
    return createProblem('swaps', sentences.join(' '), steps, holdings.get(asked) ?? '', 'exact');
  },

  corruptStep(p: Problem, index: number, rng: Rng): string {
    assertStepIndex(p, index);
    const { start, swaps: allSwaps } = parseQuestion(p.question);
    const swap = allSwaps[index];
    const before = history(start, allSwaps)[index];
    const firstColor = before.get(swap.first) ?? '';
    const secondColor = before.get(swap.second) ?? '';
    const bystanderColors = [...before].filter(([name]) => name !== swap.first && name !== swap.second).map(([, color]) => color);
    const bystanderColor = rng.pick(bystanderColors);
    const wrong = (a: string, b: string): string => stepText(swap, new Map([...before, [swap.first, a], [swap.second, b]]));
    return rng.pick([
      // Forgetting to swap.
      wrong(firstColor, secondColor),
      // Losing track of one ball: it is given a color that a third person holds.
      wrong(bystanderColor, firstColor),
      wrong(secondColor, bystanderColor),
    ]);
  },

  solve(question: string): string {
    const { start, swaps: allSwaps, asked } = parseQuestion(question);
    const end = history(start, allSwaps)[allSwaps.length];
    const color = end.get(asked);
    if (color === undefined) throw new Error(`the question asks about ${asked}, who holds no ball`);
    return color;
  },
};
