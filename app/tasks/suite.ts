// Generation of a whole synthetic suite: the family registry, and deterministic drawing of distinct
// problems per (family, difficulty) cell that belong to the requested split.
import type { Split, TaskFamily } from '../datasets';
import { WorkbenchError } from '../errors';
import type { TaskGenerator } from './generator';
import { arithmetic } from './families/arithmetic';
import { swaps } from './families/swaps';
import { variables } from './families/variables';
import type { AnswerKind, Problem } from './problem';
import { deriveSeed, Rng } from './random';
import { splitOf } from './splits';

export const generators: Record<TaskFamily, TaskGenerator> = { arithmetic, variables, swaps };

/** How each family's answers are graded: numbers, or strings (who holds which colour) compared exactly. */
export const familyAnswerKinds: Record<TaskFamily, AnswerKind> = { arithmetic: 'numeric', variables: 'numeric', swaps: 'exact' };

export interface SuiteOptions {
  families: TaskFamily[];
  difficulties: number[];
  /** Problems per (family, difficulty) cell. */
  countPerCell: number;
  seed: number;
  split: Split;
}

/**
 * Draws per cell before giving up. Generous because draws are cheap (microseconds) and the cells of
 * difficulty 1 have a few thousand distinct questions, of which a test cell needs a large share.
 */
function maxAttempts(countPerCell: number): number {
  return 200 * countPerCell + 100_000;
}

/**
 * The problems of a suite, family-major, then by difficulty, then in draw order. Each cell draws from
 * its own Rng seeded by (seed, family, difficulty) and keeps distinct questions of the requested
 * split, so the output is a pure function of the options and cells do not depend on one another.
 * Throws when a cell cannot supply `countPerCell` distinct questions of the split.
 */
export function generateSuite(o: SuiteOptions): Problem[] {
  if (!Number.isInteger(o.countPerCell) || o.countPerCell < 0) {
    throw new RangeError(`countPerCell must be a non-negative integer, got ${o.countPerCell}`);
  }
  const problems: Problem[] = [];
  // A family or difficulty listed twice would repeat a cell and so duplicate its questions.
  for (const family of new Set(o.families)) {
    const generator = generators[family];
    if (!generator) throw new Error(`unknown task family "${family}"`);
    for (const difficulty of new Set(o.difficulties)) {
      problems.push(...generateCell(generator, difficulty, o));
    }
  }
  return problems;
}

function generateCell(generator: TaskGenerator, difficulty: number, o: SuiteOptions): Problem[] {
  const rng = new Rng(deriveSeed(o.seed, generator.family, difficulty));
  const seen = new Set<string>();
  const cell: Problem[] = [];
  const limit = maxAttempts(o.countPerCell);
  for (let attempt = 0; cell.length < o.countPerCell; attempt++) {
    if (attempt >= limit) {
      throw new WorkbenchError(
        'invalid_payload',
        `could only find ${cell.length} distinct ${o.split} problems of ${generator.family} at difficulty ${difficulty} ` +
          `in ${limit} draws (asked for ${o.countPerCell}); ask for fewer per cell or a higher difficulty`,
      );
    }
    const problem = generator.generate(rng, difficulty);
    if (seen.has(problem.question) || splitOf(problem.question) !== o.split) continue;
    seen.add(problem.question);
    cell.push(problem);
  }
  return cell;
}
