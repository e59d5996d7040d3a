// Builds a method config from CLI flags: --method, a flag per model role (--model/--target/--large
// take the big model, --draft/--small the small one, as each role's size class in the method's
// descriptor says), --provider, sampling flags, and --set key=value for method parameters (JSON
// values). A --config file with a whole method config (or a run request; the flat shape of before
// store migration 4 too) wins over all of these.
import fs from 'node:fs';
import { WorkbenchError } from '@app/errors';
import type { MethodConfig } from '@app/methods';
import { MethodConfig as MethodConfigSchema, isMethodName, methodNames, rolesOf } from '@app/methods';
import { reshapeConfig } from '../store';
import { SamplingParams } from '@app/sampling';
import type { ParsedArgs } from './args';
import { num, str } from './args';
import { availableProviders } from '../host/models/providers';

/** A --provider value this install offers (cuda only where its binaries are installed), else a clear error. */
export function offeredProvider(value: string | undefined, flag: string): string {
  const provider = value ?? 'cpu';
  const offered: string[] = availableProviders();
  if (!offered.includes(provider)) {
    const why = provider === 'cuda' ? ': onnxruntime-node fetches its CUDA provider at install time on Linux x64 where nuget.org is reachable (node scripts/fetch-ort-cuda.mjs)' : '';
    throw new WorkbenchError('unknown_provider', `--${flag} ${provider} is not available here (offered: ${offered.join(', ')})${why}`);
  }
  return provider;
}

/** The flags that name the model of a role, by size class, in order of precedence after the role's own flag. */
const SIZE_FLAGS = { big: ['model', 'target', 'large'], small: ['draft', 'small'] } as const;
/** The embedded model a role takes when no flag names one. */
const SIZE_DEFAULTS = { big: 'base', small: 'draft' } as const;

export function methodConfigFromArgs(args: ParsedArgs): MethodConfig {
  const file = str(args, 'config');
  if (file) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Files written for the flat config of before migration 4 still load.
    return MethodConfigSchema.parse(reshapeConfig(('config' in json ? json.config : json) as Record<string, unknown>).config);
  }
  const method = str(args, 'method') ?? 'autoregressive';
  if (!isMethodName(method)) throw new Error(`unknown method "${method}" (choose one of ${methodNames.join(', ')})`);
  const provider = offeredProvider(str(args, 'provider'), 'provider');
  const models: Record<string, { model: string; provider: string }> = {};
  for (const [role, spec] of rolesOf(method)) {
    const flags = [role, ...SIZE_FLAGS[spec.size]];
    const model = flags.map((f) => str(args, f)).find((v) => v !== undefined) ?? SIZE_DEFAULTS[spec.size];
    models[role] = { model, provider: spec.size === 'small' ? offeredProvider(str(args, 'draft-provider'), 'draft-provider') : provider };
  }
  const sampling: Record<string, unknown> = {};
  const t = num(args, 'temperature');
  if (t !== undefined) sampling.temperature = t;
  for (const [flag, key] of [['top-k', 'topK'], ['top-p', 'topP'], ['seed', 'seed'], ['max-new-tokens', 'maxNewTokens']] as const) {
    const v = num(args, flag);
    if (v !== undefined) sampling[key] = v;
  }
  const params: Record<string, unknown> = {};
  const SAMPLING_KEYS = SamplingParams.shape;
  const sets = args.flags.get('set');
  for (const kv of typeof sets === 'string' ? sets.split(';') : []) {
    const eq = kv.indexOf('=');
    if (eq < 0) throw new Error(`--set takes key=value pairs separated by ';', got "${kv}"`);
    const raw = kv.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a bare string
    }
    const key = kv.slice(0, eq);
    // Sampling settings (ignoreEos, temperature, ...) live under sampling; a bare key goes there too.
    if (key.startsWith('sampling.')) sampling[key.slice('sampling.'.length)] = value;
    else if (key in SAMPLING_KEYS) sampling[key] = value;
    else params[key] = value;
  }
  const parsed = MethodConfigSchema.safeParse({ method, models, params, sampling });
  if (!parsed.success) throw new Error(`invalid method settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const known = new Set(Object.keys(parsed.data.params));
  const dropped = Object.keys(params).filter((k) => !known.has(k));
  if (dropped.length > 0) throw new Error(`--set: ${dropped.map((k) => `"${k}"`).join(', ')} is not a setting of ${method} (sampling settings go as sampling.KEY or KEY: ${Object.keys(SAMPLING_KEYS).join(', ')})`);
  return parsed.data;
}
