// Example problems for the Playground menu: the classic marbles problem and a few of each task
// family from the project's own generator (app/tasks), at difficulties the embedded models solve.
import type { TaskFamily } from '@app/datasets';
import { generateSuite } from '@app/tasks';

export interface Example {
  id: string;
  family: TaskFamily;
  difficulty: number;
  question: string;
  answer: string;
  answerKind: 'numeric' | 'exact';
}

let cached: Example[] | null = null;

/** The examples, generated once (deterministic: a fixed seed). */
export function examples(): Example[] {
  if (cached) return cached;
  const marbles: Example = {
    id: 'marbles',
    family: 'arithmetic',
    difficulty: 2,
    question: 'Mia has 12 marbles. She gets 5 more marbles. Then she gives away 3 marbles. How many marbles does Mia have now?',
    answer: '14',
    answerKind: 'numeric',
  };
  const generated = generateSuite({ families: ['arithmetic', 'variables', 'swaps'], difficulties: [2, 3, 4], countPerCell: 1, seed: 2024, split: 'test' }).map(
    (p): Example => ({ id: p.id, family: p.family, difficulty: p.difficulty, question: p.question, answer: p.answer, answerKind: p.answerKind }),
  );
  cached = [marbles, ...generated];
  return cached;
}
