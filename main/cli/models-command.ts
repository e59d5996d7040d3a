// `workbench models [add PATH | remove ID | pull REPO[@REV]]`: the registered models and what they can do.
import type { Host } from '../host/host';
import type { ParsedArgs } from './args';
import { modelsPullCommand } from './models-pull-command';
import { markdownTable } from './output';

export async function modelsCommand(host: Host, args: ParsedArgs): Promise<number> {
  const [, sub, arg] = args.positionals;
  if (sub === 'add') {
    if (!arg) throw new Error('usage: workbench models add PATH');
    const info = await host.models.add(arg);
    console.log(`added ${info.id} (${info.manifest.architecture}, ${info.manifest.layers} layers, vocab ${info.manifest.vocabSize}) from ${info.path}`);
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
      ['id', 'family', 'parameters', 'layers', 'vocab', 'context', 'tree attention', 'exits', 'router', 'judge', 'path'],
      host.models.list().map((m) => [
        m.id,
        m.manifest.family,
        m.manifest.parameters.toLocaleString('en'),
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
