// Train/validation/test assignment of synthetic problems. The split is a pure function of the
// question text, so the same question can never land in two splits, whatever seed produced it.
import type { Split } from '../datasets';
import { hashString } from './random';

/** Percent of questions in the train split; the validation and test splits get half the rest each. */
const TRAIN_PERCENT = 90;
const VALIDATION_PERCENT = 5;

/** The split of a question: FNV-1a hash mod 100 below 90 is train, below 95 validation, else test. */
export function splitOf(question: string): Split {
  const bucket = hashString(question) % 100;
  if (bucket < TRAIN_PERCENT) return 'train';
  if (bucket < TRAIN_PERCENT + VALIDATION_PERCENT) return 'validation';
  return 'test';
}
