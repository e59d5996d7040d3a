// Models: the `workbench.json` manifest that sits beside each model.onnx, what the engine discovers
// from the ONNX session itself (inputs, outputs, capabilities), and how a method refers to a model.
import { z } from 'zod';

/** Execution providers; `cuda` works only where onnxruntime-node's CUDA binaries were installed (app.info lists those on offer). */
export const providers = ['cpu', 'webgpu', 'cuda'] as const;
export const Provider = z.enum(providers);
export type Provider = z.infer<typeof Provider>;

/**
 * Weight/precision variants of one model as exports name them (`model_<suffix>.onnx`): fp32 (`model.onnx`),
 * fp16, q4 (4-bit MatMulNBits, fp32 I/O), q4f16 (4-bit weights, fp16 I/O), int8/uint8/quantized (8-bit),
 * bnb4, q8. Any other suffix is kept as its own name. Ordered from most to least accurate.
 */
export const DTYPE_ACCURACY_ORDER = ['fp32', 'fp16', 'int8', 'uint8', 'q8', 'quantized', 'q4', 'q4f16', 'bnb4'] as const;

/** How a method config names a model: its id in the model registry and where it runs. */
export const ModelRef = z.object({
  model: z.string().min(1),
  provider: Provider.default('cpu'),
  /** The variant to load (one of the model's `variants[].dtype`); absent: the registry entry's `dtype`. */
  dtype: z.string().min(1).max(32).optional(),
});
export type ModelRef = z.infer<typeof ModelRef>;

/** The project's manifest (`workbench.json`); optional for user models, which are inferred from config.json. */
export const ModelManifest = z.object({
  schema: z.literal(1),
  name: z.string(),
  description: z.string().default(''),
  family: z.enum(['dense', 'moe']),
  architecture: z.string(),
  parameters: z.number().int().positive(),
  /** Parameters used per token (differs from `parameters` for MoE). */
  activeParameters: z.number().int().positive().optional(),
  layers: z.number().int().positive(),
  hiddenSize: z.number().int().positive(),
  heads: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
  vocabSize: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  /** Layers (1-based count of layers run) with an early-exit head sharing the final norm and LM head. */
  exitLayers: z.array(z.number().int().positive()).default([]),
  /** Graph files that run only the first `l` layers and return that exit's logits, by layer. */
  exitGraphs: z.record(z.string(), z.string()).default({}),
  /** Graph file that returns `exit_logits.{l}` for every exit layer beside the final logits. */
  exitLogitsGraph: z.string().optional(),
  moe: z
    .object({
      layers: z.array(z.number().int().min(0)),
      experts: z.number().int().positive(),
      topK: z.number().int().positive(),
      normTopK: z.boolean(),
    })
    .optional(),
  specialTokens: z.object({
    eos: z.string(),
    pad: z.string().optional(),
    bos: z.string().optional(),
    thinkStart: z.string().optional(),
    thinkEnd: z.string().optional(),
  }),
  stepDelimiter: z.string().default('\n'),
  answerPrefix: z.string().default('Answer:'),
  /** What the model was trained for: generate, draft, judge (SpecReason step scoring). */
  roles: z.array(z.enum(['generate', 'draft', 'judge'])).default(['generate']),
  /** The judge prompt the model was trained with (SpecReason's 4-message form). */
  judge: z
    .object({
      instruction: z.string(),
      prefill: z.string(),
    })
    .optional(),
  training: z.record(z.string(), z.unknown()).default({}),
  files: z.object({ model: z.string().default('model.onnx') }).default({ model: 'model.onnx' }),
});
export type ModelManifest = z.infer<typeof ModelManifest>;

export const TensorInfo = z.object({
  name: z.string(),
  type: z.string(),
  /** Dimensions: numbers where fixed, symbolic names where dynamic. */
  shape: z.array(z.union([z.number(), z.string()])),
});
export type TensorInfo = z.infer<typeof TensorInfo>;

/** What a model can do, discovered from its session metadata (never assumed). */
export const ModelCapabilities = z.object({
  positionIds: z.boolean(),
  attentionBias: z.boolean(),
  routerBias: z.boolean(),
  routerScale: z.boolean(),
  routerLogits: z.boolean(),
  exitLayers: z.array(z.number().int()),
  /** Exit layers that have a draft graph running only those layers. */
  exitGraphs: z.array(z.number().int()),
  judge: z.boolean(),
  kvCache: z.boolean(),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;

/** One dtype variant found in a model folder: its graph and external-data files and their total size. */
export const ModelVariant = z.object({
  /** 'fp32', 'fp16', 'q4', 'q4f16', 'int8', 'quantized', ... (see DTYPE_ACCURACY_ORDER). */
  dtype: z.string(),
  /** Paths relative to the model folder: the graph first, then its external data (`.onnx_data`, `_data_1`, ...). */
  files: z.array(z.string()),
  bytes: z.number().int().nonnegative(),
});
export type ModelVariant = z.infer<typeof ModelVariant>;

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  embedded: z.boolean(),
  manifest: ModelManifest,
  inputs: z.array(TensorInfo),
  outputs: z.array(TensorInfo),
  capabilities: ModelCapabilities,
  /** Bytes of the loaded variant's files (graph, external data) and the tokenizer. */
  fileBytes: z.number().int().nonnegative(),
  /** Hash of the loaded graph, its weights and tokenizer: compared runs with different hashes get a warning. */
  fingerprint: z.string(),
  /** The variant this entry loads (chosen by the user, or by default the most accurate one that fits memory). */
  dtype: z.string().default('fp32'),
  /** True when the user picked `dtype`; false when it is the default pick. */
  dtypeChosen: z.boolean().default(false),
  /** Every variant found in the folder (root or `onnx/`), most accurate first. */
  variants: z.array(ModelVariant).default([]),
  /** Parameters counted from the graph's initializers (4-bit packed weights counted as unpacked elements). */
  parameterCount: z.number().int().nonnegative().default(0),
  /** Bytes of every file in the folder (all variants, tokenizer, configs). */
  bytesOnDisk: z.number().int().nonnegative().default(0),
  /**
   * Memory to load and run the chosen variant: its weights plus the KV cache at min(contextLength, 4096)
   * tokens plus a fixed runtime allowance. An estimate, shown before loading.
   */
  estimatedMemoryBytes: z.number().int().nonnegative().default(0),
  /** Element type of the KV cache and logits the graph takes and returns (float16 variants convert at the boundary). */
  ioDtype: z.enum(['float32', 'float16']).default('float32'),
});
export type ModelInfo = z.infer<typeof ModelInfo>;
