// How a dataset's answers are graded, in a few words. A synthetic suite grades each item by its
// family's answer kind (numbers within a tolerance, or who-holds-which-colour strings compared
// exactly), so a mixed suite is labelled per family instead of by its numeric default.
import type { Dataset, GradingSpec, TaskFamily } from '@app/datasets';
import { TaskFamily as TaskFamilySchema } from '@app/datasets';
import type { AnswerKind } from '@app/tasks';
import { familyAnswerKinds, gradingSpecFor } from '@app/tasks';

/** A tolerance as people write it: 1e-6 rather than 0.000001. */
function toleranceText(t: number): string {
  return t !== 0 && Math.abs(t) < 1e-3 ? t.toExponential() : String(t);
}

/** One grading spec as a few words, e.g. "numeric ±1e-6", "exact string". */
export function gradingText(g: GradingSpec): string {
  if (g.kind === 'numeric') return `numeric ±${toleranceText(g.tolerance ?? 0)}`;
  if (g.kind === 'exact') return g.caseSensitive ? 'exact string (case-sensitive)' : 'exact string';
  return `regex ${g.pattern}`;
}

/** The families a synthetic dataset was generated from (its generator request), or null. */
function familiesOf(d: Pick<Dataset, 'source' | 'meta'>): TaskFamily[] | null {
  if (d.source !== 'synthetic') return null;
  const families = (d.meta.generator as { families?: unknown } | undefined)?.families;
  if (!Array.isArray(families)) return null;
  const known = families.filter((f): f is TaskFamily => TaskFamilySchema.safeParse(f).success);
  return known.length > 0 ? known : null;
}

/**
 * A dataset's grading as it is applied: one spec for imports and single-kind suites; for a suite mixing
 * answer kinds, each kind with its families, e.g. "numeric ±1e-6 (arithmetic, variables) · exact string (swaps)".
 */
export function datasetGradingText(d: Pick<Dataset, 'source' | 'meta' | 'grading'>): string {
  const families = familiesOf(d);
  if (!families) return gradingText(d.grading);
  const byKind = new Map<AnswerKind, TaskFamily[]>();
  for (const f of new Set(families)) byKind.set(familyAnswerKinds[f], [...(byKind.get(familyAnswerKinds[f]) ?? []), f]);
  if (byKind.size === 1) return gradingText(gradingSpecFor([...byKind.keys()][0]!));
  return [...byKind].map(([kind, fs]) => `${gradingText(gradingSpecFor(kind))} (${fs.join(', ')})`).join(' · ');
}
