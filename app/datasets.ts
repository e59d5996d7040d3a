// Datasets: built-in synthetic task suites and imported files (GSM8K JSONL, generic JSONL/CSV with a
// field mapping), their items, and how answers are extracted and graded for each dataset.
import { z } from 'zod';

export const taskFamilies = ['arithmetic', 'variables', 'swaps'] as const;
export const TaskFamily = z.enum(taskFamilies);
export type TaskFamily = z.infer<typeof TaskFamily>;

export const splits = ['train', 'validation', 'test'] as const;
export const Split = z.enum(splits);
export type Split = z.infer<typeof Split>;

/** How an answer is pulled from model output and compared with the reference. */
export const GradingSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), tolerance: z.number().min(0).default(1e-6) }),
  z.object({ kind: z.literal('exact'), caseSensitive: z.boolean().default(false) }),
  /** The output is correct when the pattern, with {answer} replaced by the escaped reference, matches. */
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(1000) }),
]);
export type GradingSpec = z.infer<typeof GradingSpec>;

export const Dataset = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(['synthetic', 'gsm8k', 'jsonl', 'csv']),
  itemCount: z.number().int().min(0),
  createdAt: z.string(),
  /** Content hash of the items: compared experiments on different versions get a warning. */
  version: z.string(),
  grading: GradingSpec,
  /** Generator parameters for synthetic sets, file name and mapping for imports. */
  meta: z.record(z.string(), z.unknown()),
});
export type Dataset = z.infer<typeof Dataset>;

export const DatasetItem = z.object({
  id: z.string(),
  datasetId: z.string(),
  index: z.number().int().min(0),
  externalId: z.string().nullable(),
  question: z.string(),
  answer: z.string(),
  /** Synthetic items: family, difficulty, split, reference trace. Imports: mapped metadata fields. */
  metadata: z.record(z.string(), z.unknown()),
});
export type DatasetItem = z.infer<typeof DatasetItem>;

export const GenerateDatasetRequest = z.object({
  name: z.string().min(1).max(200).optional(),
  families: z.array(TaskFamily).min(1).default([...taskFamilies]),
  difficulties: z.array(z.number().int().min(1).max(16)).min(1).default([1, 2, 3, 4]),
  /** Items per (family, difficulty) pair. */
  countPerCell: z.number().int().min(1).max(10_000).default(10),
  seed: z.number().int().min(0).default(0),
  split: Split.default('test'),
});
export type GenerateDatasetRequest = z.infer<typeof GenerateDatasetRequest>;

export const FieldMapping = z.object({
  question: z.string().min(1),
  answer: z.string().min(1),
  id: z.string().optional(),
  metadata: z.array(z.string()).default([]),
});
export type FieldMapping = z.infer<typeof FieldMapping>;

export const ImportDatasetRequest = z.object({
  name: z.string().min(1).max(200),
  format: z.enum(['gsm8k', 'jsonl', 'csv']),
  /** Either a path on the machine running the engine host, or the file's content (browser upload). */
  path: z.string().optional(),
  content: z.string().max(200_000_000).optional(),
  mapping: FieldMapping.optional(),
  grading: GradingSpec.optional(),
});
export type ImportDatasetRequest = z.infer<typeof ImportDatasetRequest>;

export const ImportLineError = z.object({ line: z.number().int().min(1), message: z.string() });
export type ImportLineError = z.infer<typeof ImportLineError>;

export const ImportDatasetResult = z.object({
  dataset: Dataset,
  imported: z.number().int().min(0),
  errors: z.array(ImportLineError),
  /** What the import had to assume (a file that was not UTF-8 and how it was decoded). */
  notes: z.array(z.string()).optional(),
});
export type ImportDatasetResult = z.infer<typeof ImportDatasetResult>;
