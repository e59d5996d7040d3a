// From the Playground form to a runs.start request: the method's parameters (only those its schema
// knows, so values kept for other methods never leak in), the models by role, sampling, and the
// prompt in the chosen form. Token Recycling's unchosen tree follows the target's provider; repeated
// sampling on an example problem takes the example's answer along (its samples graded, the oracle usable).
import type { ApiInput } from '@app/api';
import { defaultRecyclingTree, methodParamFields } from '@app/methods';
import { gradingSpecFor } from '@app/tasks/problem';
import type { ModelRef } from '@app/models';
import type { PlaygroundForm } from './playground-store';

/** The request for the current form; the client validates it against the API schema. */
export function buildRunRequest(form: Pick<PlaygroundForm, 'method' | 'params' | 'sampling' | 'promptKind' | 'text' | 'messages'> & Partial<Pick<PlaygroundForm, 'expected'>>, models: Record<string, ModelRef>): ApiInput<'runs.start'> {
  const values = form.params[form.method] ?? {};
  const params: Record<string, unknown> = {};
  for (const field of methodParamFields(form.method)) {
    if (values[field.key] !== undefined) params[field.key] = values[field.key];
  }
  // Token Recycling's tree, when not chosen, follows the target's provider (tr-20 on CPU, tr-80 on GPU).
  if (form.method === 'token_recycling' && params.tree === undefined) params.tree = defaultRecyclingTree(models.target?.provider ?? 'cpu');
  const config = { method: form.method, models, params, sampling: form.sampling };
  const prompt =
    form.promptKind === 'chat'
      ? { kind: 'chat' as const, messages: form.messages.filter((m) => m.content.trim() !== '') }
      : { kind: form.promptKind, text: form.text };
  // An example problem's answer goes along for repeated sampling: it grades the samples and lets the oracle select.
  const expected = form.method === 'repeated_sampling' && form.promptKind === 'text' && form.expected?.question === form.text ? form.expected : null;
  const reference = expected ? { reference: { answer: expected.answer, grading: gradingSpecFor(expected.kind) } } : {};
  return { prompt, config, tags: ['playground'], ...reference } as ApiInput<'runs.start'>;
}

/** Why the prompt cannot be run as it is, or null. */
export function promptProblem(form: Pick<PlaygroundForm, 'promptKind' | 'text' | 'messages'>): string | null {
  if (form.promptKind === 'chat') return form.messages.some((m) => m.content.trim() !== '') ? null : 'Write at least one message';
  return form.text.trim() === '' ? 'Write a prompt' : null;
}
