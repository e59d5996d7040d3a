// Dataset operations of the host: the built-in synthetic suite (generated from the task generators)
// and imports. Items keep their family, difficulty, split, answer kind and reference trace.
import type { Dataset, GenerateDatasetRequest } from '@app/datasets';
import { formatReasoning, gradingSpecFor } from '@app/tasks/problem';
import { generateSuite } from '@app/tasks/suite';
import type { Database } from '../../store';
import { createDataset } from '../../store';
import { newId } from '../ids';

/** Generates a synthetic dataset and stores it. */
export function generateDataset(db: Database, req: GenerateDatasetRequest): Dataset {
  const problems = generateSuite({ families: req.families, difficulties: req.difficulties, countPerCell: req.countPerCell, seed: req.seed, split: req.split });
  const kinds = new Set(problems.map((p) => p.answerKind));
  const name =
    req.name ?? `Synthetic ${req.families.join('+')} d${Math.min(...req.difficulties)}-${Math.max(...req.difficulties)} x${req.countPerCell} (${req.split}, seed ${req.seed})`;
  return createDataset(db, {
    id: newId('ds'),
    name,
    source: 'synthetic',
    // Mixed suites grade each item by its own kind (see RunManager); the dataset default is numeric.
    grading: gradingSpecFor(kinds.size === 1 && kinds.has('exact') ? 'exact' : 'numeric'),
    meta: { generator: { ...req } },
    items: problems.map((p) => ({
      externalId: p.id,
      question: p.question,
      answer: p.answer,
      metadata: { family: p.family, difficulty: p.difficulty, split: req.split, answerKind: p.answerKind, reference: formatReasoning(p) },
    })),
  });
}
