// `workbench models [add PATH | remove ID | pull REPO[@REV]]`: the registered models and what they can do.
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { str } from './args';
import { modelsPullCommand } from './models-pull-command';
import { markdownTable } from './output';

export async function modelsCommand(host: Host, args: ParsedArgs): Promise<number> {
  const [, sub, arg] = args.positionals;
  if (sub === 'add') {
    if (!arg) throw new Error('usage: workbench models add PATH [--dtype fp32|fp16|q4|q4f16|...]');
    const info = await host.models.add(arg, str(args, 'dtype'));
    console.log(`added ${info.id} (${info.manifest.architecture}, ${info.manifest.layers} layers, vocab ${info.manifest.vocabSize}) from ${info.path}`);
    console.log(`variant ${info.dtype}${info.dtypeChosen ? '' : ' (default: the most accurate that fits memory)'}; variants: ${info.variants.map((v) => `${v.dtype} ${(v.bytes / 2 ** 20).toFixed(1)} MiB`).join(', ')}`);
    return 0;
  }
  if (sub === 'pull') return modelsPullCommand(host, args);
  if (sub === 'remove') {
    if (!arg) throw new Error('usage: workbench models remove ID');
    host.models.remove(arg);
    return 0;
  }
  console.log(
    markdownTable(
      ['id', 'family', 'parameters', 'dtype', 'variants', 'layers', 'vocab', 'context', 'tree attention', 'exits', 'router', 'judge', 'path'],
      host.models.list().map((m) => [
        m.id,
        m.manifest.family,
        (m.parameterCount || m.manifest.parameters).toLocaleString('en'),
        m.dtype,
        m.variants.map((v) => v.dtype).join(',') || '-',
        m.manifest.layers,
        m.manifest.vocabSize,
        m.manifest.contextLength,
        m.capabilities.attentionBias ? 'yes' : 'batch paths',
        m.capabilities.exitGraphs.join(',') || '-',
        m.capabilities.routerBias ? 'logits+bias' : '-',
        m.capabilities.judge ? 'yes' : '-',
        m.path,
      ]),
    ),
  );
  return 0;
}
