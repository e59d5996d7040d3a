// From the Playground form to a runs.start request: the method's parameters (only those its schema
// knows, so values kept for other methods never leak in), the models by role, sampling, and the
// prompt in the chosen form, and an example's answer while the prompt still asks its question (the
// host grades the run against it, for every method; repeated sampling also grades its samples and lets
// its oracle select with it). Token Recycling's unchosen tree follows the target's provider.
import type { ApiInput } from '@app/api';
import { defaultRecyclingTree, methodParamFields } from '@app/methods';
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
  const expected = form.expected && asksQuestion(prompt, form.expected.question) ? { expected: { answer: form.expected.answer, kind: form.expected.kind } } : {};
  return { prompt, config, tags: ['playground'], ...expected } as ApiInput<'runs.start'>;
}

/** Whether the prompt is still the example's question (a text prompt of it, or a chat whose one user message is it). */
function asksQuestion(prompt: { kind: string; text?: string; messages?: { role: string; content: string }[] }, question: string): boolean {
  if (prompt.kind === 'text') return prompt.text?.trim() === question.trim();
  if (prompt.kind !== 'chat') return false;
  const users = (prompt.messages ?? []).filter((m) => m.role === 'user');
  return users.length === 1 && users[0]!.content.trim() === question.trim();
}

/** Why the prompt cannot be run as it is, or null. */
export function promptProblem(form: Pick<PlaygroundForm, 'promptKind' | 'text' | 'messages'>): string | null {
  if (form.promptKind === 'chat') return form.messages.some((m) => m.content.trim() !== '') ? null : 'Write at least one message';
  return form.text.trim() === '' ? 'Write a prompt' : null;
}
