// Groups a hub repository's files into what a pull downloads: the dtype variants of its ONNX export
// (transformers.js / onnx-community naming: `model.onnx` fp32, `model_fp16.onnx`, `model_q4.onnx`,
// `model_q4f16.onnx`, `model_quantized.onnx`, `model_int8.onnx`, ...: the names app/models.ts uses; each graph with its external
// data `.onnx_data`, `.onnx_data_N`, `.weights`) and the support files every variant needs (config,
// tokenizer, generation config). PyTorch weights, READMEs and images are never downloaded.
import type { HubFile, HubVariant } from '@app/hub';
import { DTYPE_ACCURACY_ORDER } from '@app/models';

/** Graph-name suffixes that name a dtype (any other suffix, e.g. our `model_exits.onnx`, is part of fp32). */
const DTYPE_SUFFIXES = new Set<string>(DTYPE_ACCURACY_ORDER);

const EXTERNAL_DATA = /^(.*)\.(onnx_data(?:_\d+)?|onnx\.data|weights|data)$/;
const SUPPORT_NAME = /^(?:[^/]+\.json|[^/]+\.txt|[^/]+\.jinja|tokenizer\.model|[^/]+\.tiktoken)$/;
const NEVER = /^(?:README|LICENSE|NOTICE|USE_POLICY)|\.(?:md|safetensors|bin|pt|pth|gguf|h5|msgpack|ot|ckpt|png|jpe?g|gif)$|^\.git/i;

/** The dtype a graph file's name stands for (`onnx/model_q4f16.onnx` is q4f16; `model.onnx`, `exit_2.onnx` are fp32). */
export function dtypeOfGraph(file: string): string {
  const base = file.split('/').pop()!.replace(/\.onnx$/, '');
  const m = /_([a-z0-9]+)$/.exec(base);
  return m && DTYPE_SUFFIXES.has(m[1]!) ? m[1]! : 'fp32';
}

/** Graphs grouped into dtype variants (each with its external data), and the support files. */
export function groupVariants(files: HubFile[]): { variants: HubVariant[]; support: HubFile[] } {
  const graphs = files.filter((f) => f.path.endsWith('.onnx'));
  const byStem = new Map(graphs.map((g) => [g.path.replace(/\.onnx$/, ''), g]));
  const variants = new Map<string, HubFile[]>();
  const add = (dtype: string, f: HubFile) => variants.set(dtype, [...(variants.get(dtype) ?? []), f]);
  for (const g of graphs) add(dtypeOfGraph(g.path), g);
  for (const f of files) {
    const m = EXTERNAL_DATA.exec(f.path);
    const owner = m ? (byStem.get(m[1]!) ?? byStem.get(m[1]!.replace(/\.onnx$/, ''))) : undefined;
    if (owner) add(dtypeOfGraph(owner.path), f);
  }
  const support = files.filter((f) => !f.path.includes('/') && SUPPORT_NAME.test(f.path) && !NEVER.test(f.path));
  const order: readonly string[] = DTYPE_ACCURACY_ORDER;
  const rank = (d: string) => (order.indexOf(d) < 0 ? order.length : order.indexOf(d));
  return {
    variants: [...variants.entries()]
      .map(([dtype, fs]) => ({ dtype, files: fs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), bytes: fs.reduce((s, f) => s + f.bytes, 0) }))
      .sort((a, b) => rank(a.dtype) - rank(b.dtype) || a.dtype.localeCompare(b.dtype)),
    support,
  };
}
