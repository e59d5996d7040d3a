// An arm being edited in the experiment builder: its label, its method config (the one source of
// truth) and the JSON text of that config as the user is typing it, valid or not yet.
import type { MethodConfig } from '@app/methods';
import { MethodConfig as MethodConfigSchema } from '@app/methods';

export interface ArmDraft {
  key: number;
  label: string;
  /** The label follows the method and models until the user types one. */
  autoLabel: boolean;
  config: MethodConfig;
  json: string;
  jsonError: string | null;
  baseline: boolean;
}

let nextKey = 1;

/** A new draft for a config. */
export function newArmDraft(config: MethodConfig, label: string, baseline = false): ArmDraft {
  return { key: nextKey++, label, autoLabel: true, config, json: JSON.stringify(config, null, 2), jsonError: null, baseline };
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
  return { ...draft, json, jsonError: null, config: parsed.data };
}

/** The draft with shared sampling settings applied (the builder's max new tokens, temperature). */
export function withSampling(draft: ArmDraft, sampling: Partial<MethodConfig['sampling']>): ArmDraft {
  return withConfig(draft, { ...draft.config, sampling: { ...draft.config.sampling, ...sampling } } as MethodConfig);
}
