// Builds a method config from CLI flags: --method, model flags by role (--model/--target/--large,
// --draft/--small), --provider, sampling flags, and --set key=value for method parameters (JSON
// values). A --config file with a whole method config (or a run request) wins over all of these.
import fs from 'node:fs';
import type { MethodConfig } from '../../app/methods';
import { MethodConfig as MethodConfigSchema, methodCatalog } from '../../app/methods';
import { SamplingParams } from '../../app/sampling';
import type { ParsedArgs } from './args';
import { num, str } from './args';

export function methodConfigFromArgs(args: ParsedArgs): MethodConfig {
  const file = str(args, 'config');
  if (file) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    return MethodConfigSchema.parse('config' in json ? json.config : json);
  }
  const method = (str(args, 'method') ?? 'autoregressive') as MethodConfig['method'];
  if (!(method in methodCatalog)) throw new Error(`unknown method "${method}" (choose one of ${Object.keys(methodCatalog).join(', ')})`);
  const provider = str(args, 'provider') ?? 'cpu';
  const big = str(args, 'model') ?? str(args, 'target') ?? str(args, 'large') ?? 'base';
  const small = str(args, 'draft') ?? str(args, 'small') ?? 'draft';
  const refs: Record<string, { model: string; provider: string }> = {
    model: { model: big, provider },
    target: { model: big, provider },
    large: { model: big, provider },
    draft: { model: small, provider: str(args, 'draft-provider') ?? 'cpu' },
    small: { model: small, provider: str(args, 'draft-provider') ?? 'cpu' },
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
  const SAMPLING_KEYS = SamplingParams.shape;
  const sets = args.flags.get('set');
  const setKeys: string[] = [];
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
    else {
      config[key] = value;
      setKeys.push(key);
    }
  }
  const parsed = MethodConfigSchema.safeParse(config);
  if (!parsed.success) throw new Error(`invalid method settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const known = new Set(Object.keys(parsed.data));
  const dropped = setKeys.filter((k) => !known.has(k));
  if (dropped.length > 0) throw new Error(`--set: ${dropped.map((k) => `"${k}"`).join(', ')} is not a setting of ${String(config.method)} (sampling settings go as sampling.KEY or KEY: ${Object.keys(SAMPLING_KEYS).join(', ')})`);
  return parsed.data;
}
