// Builds the training data of the embedded models from the TypeScript task suite, through the same
// tokenizer and chat template code the engine uses, so training and inference see identical tokens.
//
//   npx tsx native-models/tools/build-data.ts corpus --out DIR            # text corpus for train_tokenizer.py
//   npx tsx native-models/tools/build-data.ts tokens --tokenizer DIR --out DIR [--per-cell 12000]
//
// `tokens` writes, for train.py: reason_train / reason_val / judge_train as .bin (uint16 ids) + .idx
// (int32 triples: offset, length, loss_start), and eval_test.jsonl (held-out prompts with answers).
import fs from 'node:fs';
import path from 'node:path';
import type { TaskFamily } from '../../app/datasets';
import { taskFamilies } from '../../app/datasets';
import type { ChatMessage } from '../../app/runs';
import type { Problem } from '../../app/tasks/problem';
import { formatReasoning } from '../../app/tasks/problem';
import { generateSuite } from '../../app/tasks/suite';
import { judgeExamples, judgeMessages } from '../../app/tasks/judge';
import { Rng } from '../../app/tasks/random';
import { WorkbenchTokenizer } from '../../main/engine/runtime/tokenizer';

const TRAIN_DIFFICULTIES = [1, 2, 3, 4, 5, 6];
const EVAL_DIFFICULTIES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1]!;
  if (fallback === undefined) throw new Error(`missing --${name}`);
  return fallback;
}

function conversation(p: Problem): ChatMessage[] {
  return [
    { role: 'user', content: p.question },
    { role: 'assistant', content: formatReasoning(p) },
  ];
}

/** Renders the chat template by hand for the corpus (no tokenizer exists yet at that point). */
function renderPlain(messages: ChatMessage[]): string {
  return messages.map((m) => `<|${m.role}|>${m.content}<|end|>`).join('');
}

class TokenWriter {
  private chunks: Uint16Array[] = [];
  private index: number[] = [];
  private offset = 0;
  maxLength = 0;

  add(ids: number[], lossStart: number): void {
    if (lossStart <= 0 || lossStart >= ids.length) throw new Error(`bad loss start ${lossStart} for length ${ids.length}`);
    this.chunks.push(Uint16Array.from(ids));
    this.index.push(this.offset, ids.length, lossStart);
    this.offset += ids.length;
    this.maxLength = Math.max(this.maxLength, ids.length);
  }

  write(dir: string, name: string): void {
    const all = new Uint16Array(this.offset);
    let at = 0;
    for (const c of this.chunks) {
      all.set(c, at);
      at += c.length;
    }
    fs.writeFileSync(path.join(dir, `${name}.bin`), Buffer.from(all.buffer));
    fs.writeFileSync(path.join(dir, `${name}.idx`), Buffer.from(Int32Array.from(this.index).buffer));
    console.log(`${name}: ${this.index.length / 3} examples, ${this.offset} tokens, longest ${this.maxLength}`);
  }
}

/** Short problems have few distinct instances: difficulty 1 and 2 cells ask for fewer. */
function cellCount(perCell: number, difficulty: number): number {
  return difficulty === 1 ? Math.min(perCell, 1500) : difficulty === 2 ? Math.min(perCell, perCell / 2) : perCell;
}

function suite(split: 'train' | 'validation' | 'test', perCell: number, difficulties: number[], seed: number): Problem[] {
  return difficulties.flatMap((d) =>
    generateSuite({ families: [...taskFamilies] as TaskFamily[], difficulties: [d], countPerCell: cellCount(perCell, d), seed, split }),
  );
}

function buildCorpus(out: string): void {
  fs.mkdirSync(out, { recursive: true });
  const problems = suite('train', 400, TRAIN_DIFFICULTIES, 7);
  const lines: string[] = [];
  const rng = new Rng(7);
  for (const p of problems) {
    lines.push(JSON.stringify({ text: renderPlain(conversation(p)) }));
    const j = judgeExamples(p, rng)[0];
    if (j) lines.push(JSON.stringify({ text: renderPlain(judgeMessages(j.question, j.stepsSoFar, j.step)) }));
  }
  fs.writeFileSync(path.join(out, 'corpus.jsonl'), lines.join('\n') + '\n');
  console.log(`corpus: ${lines.length} documents`);
}

function buildTokens(tokenizerDir: string, out: string, perCell: number): void {
  fs.mkdirSync(out, { recursive: true });
  const tok = WorkbenchTokenizer.load(tokenizerDir);
  const assistantId = tok.tokenToId('<|assistant|>');
  const endId = tok.tokenToId('<|end|>');
  if (assistantId === undefined || endId === undefined) throw new Error('tokenizer lacks <|assistant|> or <|end|>');

  const encodeConversation = (p: Problem): { ids: number[]; start: number } => {
    const ids = tok.encode(tok.applyChatTemplate(conversation(p)));
    return { ids, start: ids.indexOf(assistantId) + 1 };
  };

  const train = new TokenWriter();
  const trainProblems = suite('train', perCell, TRAIN_DIFFICULTIES, 1);
  for (const p of trainProblems) {
    const { ids, start } = encodeConversation(p);
    train.add(ids, start);
  }
  train.write(out, 'reason_train');

  const val = new TokenWriter();
  for (const p of suite('validation', 40, TRAIN_DIFFICULTIES, 2)) {
    const { ids, start } = encodeConversation(p);
    val.add(ids, start);
  }
  val.write(out, 'reason_val');

  // Judge examples: one (correct or corrupted) step per problem, from a slice of the train problems.
  const judge = new TokenWriter();
  const rng = new Rng(3);
  const digitIds = Array.from({ length: 10 }, (_, d) => tok.tokenToId(String(d)));
  if (digitIds.some((d) => d === undefined)) throw new Error('digits must be single tokens');
  for (const p of trainProblems.filter((_, i) => i % 2 === 0)) {
    const examples = judgeExamples(p, rng);
    for (const pick of [examples[rng.int(0, examples.length - 1)]!, examples[rng.int(0, examples.length - 1)]!]) {
      const prompt = tok.encode(tok.applyChatTemplate(judgeMessages(pick.question, pick.stepsSoFar, pick.step), { continueFinalMessage: true }));
      judge.add([...prompt, digitIds[pick.score]!, endId], prompt.length);
    }
  }
  judge.write(out, 'judge_train');

  // The models' vocabulary: the tokenizer's, rounded up to a multiple of 64 (unused rows never win).
  const vocab = Math.ceil(tok.vocabSize / 64) * 64;
  fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify({ tokenizerVocab: tok.vocabSize, modelVocab: vocab }, null, 1));

  const evalLines: string[] = [];
  for (const p of suite('test', 60, EVAL_DIFFICULTIES, 4)) {
    const prompt = tok.encode(tok.applyChatTemplate([{ role: 'user', content: p.question }], { addGenerationPrompt: true }));
    evalLines.push(JSON.stringify({ id: p.id, family: p.family, difficulty: p.difficulty, prompt_ids: prompt, answer: p.answer, kind: p.answerKind }));
  }
  fs.writeFileSync(path.join(out, 'eval_test.jsonl'), evalLines.join('\n') + '\n');
  console.log(`eval_test: ${evalLines.length} prompts`);
}

const mode = process.argv[2];
if (mode === 'corpus') buildCorpus(arg('out'));
else if (mode === 'tokens') buildTokens(arg('tokenizer'), arg('out'), Number(arg('per-cell', '12000')));
else {
  console.error('usage: build-data.ts corpus --out DIR | tokens --tokenizer DIR --out DIR [--per-cell N]');
  process.exit(2);
}
