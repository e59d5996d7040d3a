// An arm being edited in the experiment builder: its label, its method config (the one source of
// truth, edited through the generated form), the problems of form fields not yet valid, and the JSON
// text of that config (the advanced view) as the user is typing it, valid or not yet.
import type { MethodConfig } from '@app/methods';
import { MethodConfig as MethodConfigSchema, defaultRecyclingTree } from '@app/methods';
import type { ModelRef } from '@app/models';

export interface ArmDraft {
  key: number;
  label: string;
  /** The label follows the method and models until the user types one. */
  autoLabel: boolean;
  config: MethodConfig;
  json: string;
  jsonError: string | null;
  /** Form fields whose text is not a valid value yet, by "<method|sampling>.<key>". */
  fieldErrors: Record<string, string>;
  baseline: boolean;
}

let nextKey = 1;

/** A new draft for a config. */
export function newArmDraft(config: MethodConfig, label: string, baseline = false): ArmDraft {
  return { key: nextKey++, label, autoLabel: true, config, json: JSON.stringify(config, null, 2), jsonError: null, fieldErrors: {}, baseline };
}

/** The draft with a new config from the quick controls (the JSON text follows). */
export function withConfig(draft: ArmDraft, config: MethodConfig): ArmDraft {
  return { ...draft, config, json: JSON.stringify(config, null, 2), jsonError: null };
}

/** The draft with edited JSON: the config changes only when the text is a valid method config. */
export function withJson(draft: ArmDraft, json: string): ArmDraft {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ...draft, json, jsonError: `not JSON: ${(err as Error).message}` };
  }
  const parsed = MethodConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ...draft, json, jsonError: `${issue.path.join('.') || 'config'}: ${issue.message}` };
  }
  return { ...draft, json, jsonError: null, fieldErrors: {}, config: parsed.data };
}

/** The draft with one method parameter set from the form (the field has checked it against its schema). */
export function withParam(draft: ArmDraft, key: string, value: unknown): ArmDraft {
  return withConfig(draft, { ...draft.config, params: { ...draft.config.params, [key]: value } } as MethodConfig);
}

/**
 * The draft with another model (or provider) in one role. Token Recycling's tree, while it is the
 * default of the target's provider, follows a new provider (tr-20 on the CPU, tr-80 on a GPU), as in
 * the Playground.
 */
export function withModel(draft: ArmDraft, role: string, ref: ModelRef): ArmDraft {
  const config = { ...draft.config, models: { ...draft.config.models, [role]: ref } } as MethodConfig;
  if (config.method === 'token_recycling' && role === 'target') {
    const before = (draft.config.models as Record<string, ModelRef>).target?.provider ?? 'cpu';
    if (config.params.tree === defaultRecyclingTree(before)) config.params = { ...config.params, tree: defaultRecyclingTree(ref.provider) };
  }
  return withConfig(draft, config);
}

/** The draft with a form field's problem noted (a message) or cleared (null). */
export function withFieldError(draft: ArmDraft, id: string, message: string | null): ArmDraft {
  if ((draft.fieldErrors[id] ?? null) === message) return draft;
  const fieldErrors = { ...draft.fieldErrors };
  if (message) fieldErrors[id] = message;
  else delete fieldErrors[id];
  return { ...draft, fieldErrors };
}

/** The form problems that block this arm: those of its current method's fields and of sampling. */
export function armFieldProblems(draft: ArmDraft): string[] {
  return Object.keys(draft.fieldErrors).filter((id) => id.startsWith(`${draft.config.method}.`) || id.startsWith('sampling.'));
}

/** The draft with shared sampling settings applied (the builder's max new tokens, temperature). */
export function withSampling(draft: ArmDraft, sampling: Partial<MethodConfig['sampling']>): ArmDraft {
  return withConfig(draft, { ...draft.config, sampling: { ...draft.config.sampling, ...sampling } } as MethodConfig);
}
