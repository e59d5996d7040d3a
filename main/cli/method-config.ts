// Builds a method config from CLI flags: --method, model flags by role (--model/--target/--large,
// --draft/--small), --provider, sampling flags, and --set key=value for method parameters (JSON
// values). A --config file with a whole method config (or a run request) wins over all of these.
import fs from 'node:fs';
import type { MethodConfig } from '../../app/methods';
import { MethodConfig as MethodConfigSchema, methodCatalog } from '../../app/methods';
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
