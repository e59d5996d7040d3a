// Builds a method config from CLI flags: --method, model flags by role (--model/--target/--large,
// --draft/--small), --provider, sampling flags, and --set key=value for method parameters (JSON
// values). A --config file with a whole method config (or a run request) wins over all of these.
import fs from 'node:fs';
import { WorkbenchError } from '../../app/errors';
import type { MethodConfig } from '../../app/methods';
import { MethodConfig as MethodConfigSchema, methodCatalog } from '../../app/methods';
import type { ParsedArgs } from './args';
import { num, str } from './args';
import { availableProviders } from '../engine/runtime/providers';

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

export function methodConfigFromArgs(args: ParsedArgs): MethodConfig {
  const file = str(args, 'config');
  if (file) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    return MethodConfigSchema.parse('config' in json ? json.config : json);
  }
  const method = (str(args, 'method') ?? 'autoregressive') as MethodConfig['method'];
  if (!(method in methodCatalog)) throw new Error(`unknown method "${method}" (choose one of ${Object.keys(methodCatalog).join(', ')})`);
  const provider = offeredProvider(str(args, 'provider'), 'provider');
  const big = str(args, 'model') ?? str(args, 'target') ?? str(args, 'large') ?? 'base';
  const small = str(args, 'draft') ?? str(args, 'small') ?? 'draft';
  const refs: Record<string, { model: string; provider: string }> = {
    model: { model: big, provider },
    target: { model: big, provider },
    large: { model: big, provider },
    draft: { model: small, provider: offeredProvider(str(args, 'draft-provider'), 'draft-provider') },
    small: { model: small, provider: offeredProvider(str(args, 'draft-provider'), 'draft-provider') },
  };
  const config: Record<string, unknown> = { method };
  for (const role of methodCatalog[method].modelRoles) config[role] = refs[role];
  const sampling: Record<string, unknown> = {};
  const t = num(args, 'temperature');
  if (t !== undefined) sampling.temperature = t;
  for (const [flag, key] of [['top-k', 'topK'], ['top-p', 'topP'], ['seed', 'seed'], ['max-new-tokens', 'maxNewTokens']] as const) {
    const v = num(args, flag);
    if (v !== undefined) sampling[key] = v;
  }
  config.sampling = sampling;
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
    config[kv.slice(0, eq)] = value;
  }
  return MethodConfigSchema.parse(config);
}
