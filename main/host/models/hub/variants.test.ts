// Grouping a repository's files into dtype variants, on the onnx-community layout and on ours.
import { describe, expect, it } from 'vitest';
import { dtypeOfGraph, groupVariants } from './variants';

const f = (path: string, bytes = 1) => ({ path, bytes });

describe('groupVariants', () => {
  it('splits an onnx-community export by dtype, with each graph its external data', () => {
    const { variants, support } = groupVariants([
      f('.gitattributes'),
      f('README.md'),
      f('config.json'),
      f('generation_config.json'),
      f('tokenizer.json'),
      f('tokenizer_config.json'),
      f('onnx/model.onnx', 10),
      f('onnx/model.onnx_data', 2000),
      f('onnx/model.onnx_data_1', 1000),
      f('onnx/model_fp16.onnx', 10),
      f('onnx/model_fp16.onnx_data', 1500),
      f('onnx/model_q4f16.onnx', 400),
      f('onnx/model_quantized.onnx', 700),
      f('onnx/model_q4.onnx', 600),
      f('model.safetensors', 9999),
    ]);
    expect(variants.map((v) => [v.dtype, v.bytes])).toEqual([
      ['fp32', 3010],
      ['fp16', 1510],
      ['quantized', 700],
      ['q4', 600],
      ['q4f16', 400],
    ]);
    expect(variants[0]!.files.map((x) => x.path)).toEqual(['onnx/model.onnx', 'onnx/model.onnx_data', 'onnx/model.onnx_data_1']);
    expect(support.map((x) => x.path)).toEqual(['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']);
  });

  it('keeps our own exports (main graph, exit graphs, .weights) in one fp32 variant', () => {
    const { variants } = groupVariants([f('model.onnx'), f('model.weights'), f('exit_1.onnx'), f('model_exits.onnx'), f('workbench.json')]);
    expect(variants).toHaveLength(1);
    expect(variants[0]!.files.map((x) => x.path)).toEqual(['exit_1.onnx', 'model.onnx', 'model.weights', 'model_exits.onnx']);
  });

  it('names dtypes the way transformers.js does', () => {
    expect(['model.onnx', 'onnx/model_quantized.onnx', 'onnx/decoder_model_merged_q4.onnx', 'onnx/model_bnb4.onnx'].map(dtypeOfGraph)).toEqual(['fp32', 'quantized', 'q4', 'bnb4']);
  });
});
