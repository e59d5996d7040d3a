// The engine's tokenizer: @huggingface/tokenizers for encoding/decoding and @huggingface/jinja for the
// chat template, loaded from a model folder. Also owns incremental detokenization (the text each new
// token adds, so streamed pieces concatenate to exactly the decoded output).
import { Template } from '@huggingface/jinja';
import { Tokenizer } from '@huggingface/tokenizers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ChatMessage } from '@app/runs';
import { WorkbenchError } from '@app/errors';

export interface ChatTemplateOptions {
  addGenerationPrompt?: boolean;
  /** Leave the final (assistant) message open so the model continues it (SpecReason's prefill). */
  continueFinalMessage?: boolean;
}

function readJson(file: string, what: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new WorkbenchError('tokenizer_missing', `${what} not found: ${file}`, { file });
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('tokenizer_missing', `${what} is not valid JSON (${(err as Error).message}): ${file}`, { file });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw new WorkbenchError('tokenizer_missing', `${what} must hold a JSON object (a Hugging Face tokenizer with "model" and "added_tokens"), but it holds ${kind}: ${file}`, { file });
  }
  return value as Record<string, unknown>;
}

function tokenContent(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'content' in value) return String((value as { content: unknown }).content);
  return undefined;
}

export class WorkbenchTokenizer {
  readonly vocabSize: number;
  /** Hash of every (token, id) pair: equal hashes, same vocabulary. */
  readonly vocabHash: string;
  readonly eosIds: ReadonlySet<number>;
  readonly padId: number | null;
  private readonly tokenizer: Tokenizer;
  private readonly template: Template | null;
  private readonly config: Record<string, unknown>;
  private readonly pieceCache = new Map<number, string>();

  private constructor(tokenizerJson: Record<string, unknown>, config: Record<string, unknown>, chatTemplate: string | null, extraEos: number[]) {
    this.tokenizer = new Tokenizer(tokenizerJson, config);
    this.config = config;
    this.template = chatTemplate ? new Template(chatTemplate) : null;
    const vocab = this.tokenizer.get_vocab(true);
    let maxId = -1;
    for (const id of vocab.values()) maxId = Math.max(maxId, id);
    this.vocabSize = maxId + 1;
    // Identity of the vocabulary: every (piece, id) pair, order-independent. Two models share a
    // tokenizer when these are equal, whatever their embedding tables are padded to.
    const h = crypto.createHash('sha256');
    for (const [piece, id] of [...vocab.entries()].sort((a, b) => a[1] - b[1])) h.update(`${id}\u0000${piece}\u0001`);
    this.vocabHash = h.digest('hex').slice(0, 16);
    const eos = new Set<number>(extraEos);
    const eosText = tokenContent(config.eos_token);
    if (eosText !== undefined) {
      const id = this.tokenizer.token_to_id(eosText);
      if (id !== undefined) eos.add(id);
    }
    this.eosIds = eos;
    const padText = tokenContent(config.pad_token);
    this.padId = padText !== undefined ? (this.tokenizer.token_to_id(padText) ?? null) : null;
  }

  /** Loads tokenizer.json, tokenizer_config.json and the chat template (config field or chat_template.jinja). */
  static load(folder: string, generationEosIds: number[] = []): WorkbenchTokenizer {
    const json = readJson(path.join(folder, 'tokenizer.json'), 'tokenizer.json');
    const configFile = path.join(folder, 'tokenizer_config.json');
    const config = fs.existsSync(configFile) ? readJson(configFile, 'tokenizer_config.json') : {};
    let template: string | null = null;
    const jinjaFile = path.join(folder, 'chat_template.jinja');
    if (fs.existsSync(jinjaFile)) template = fs.readFileSync(jinjaFile, 'utf8');
    else if (typeof config.chat_template === 'string') template = config.chat_template;
    else if (Array.isArray(config.chat_template)) {
      const named = (config.chat_template as { name: string; template: string }[]).find((t) => t.name === 'default');
      template = named?.template ?? null;
    }
    return new WorkbenchTokenizer(json, config, template, generationEosIds);
  }

  get hasChatTemplate(): boolean {
    return this.template !== null;
  }

  /** Token ids of text; special-token strings in the text become their ids. */
  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  decode(ids: readonly number[], skipSpecial = false): string {
    return this.tokenizer.decode(ids as number[], { skip_special_tokens: skipSpecial });
  }

  tokenToId(token: string): number | undefined {
    return this.tokenizer.token_to_id(token);
  }

  /** Display text of one token on its own (for tree nodes and top-k alternatives). */
  piece(id: number): string {
    let s = this.pieceCache.get(id);
    if (s === undefined) {
      s = this.decode([id]);
      this.pieceCache.set(id, s);
    }
    return s;
  }

  /**
   * Renders a conversation with the model's chat template. With continueFinalMessage the string is
   * cut right after the final message's content, as transformers' apply_chat_template does.
   */
  applyChatTemplate(messages: ChatMessage[], options: ChatTemplateOptions = {}): string {
    if (!this.template) {
      throw new WorkbenchError('tokenizer_missing', 'this model has no chat template: send the prompt as raw text');
    }
    const rendered = this.template.render({
      messages,
      add_generation_prompt: Boolean(options.addGenerationPrompt) && !options.continueFinalMessage,
      bos_token: tokenContent(this.config.bos_token) ?? '',
      eos_token: tokenContent(this.config.eos_token) ?? '',
    });
    if (!options.continueFinalMessage) return rendered;
    const last = messages[messages.length - 1]!;
    const at = rendered.lastIndexOf(last.content);
    if (at < 0 || last.content.length === 0) {
      throw new WorkbenchError('invalid_payload', 'cannot continue the final message: its content does not appear in the rendered template');
    }
    return rendered.slice(0, at + last.content.length);
  }
}

/**
 * Incremental detokenizer (the text-generation-inference scheme): decodes a short window of recent ids
 * and returns only the text the newest id adds, holding back while a multi-byte character is
 * incomplete. Seeded with the last prompt ids so tokenizers that strip a leading space at the start of
 * a sequence still render the first generated token as it appears in the full decode.
 */
export class TextStream {
  private ids: number[];
  private prefixOffset: number;
  private readOffset: number;
  private emitted = '';

  constructor(
    private readonly tokenizer: WorkbenchTokenizer,
    context: readonly number[] = [],
  ) {
    this.ids = context.slice(-4);
    this.prefixOffset = 0;
    this.readOffset = this.ids.length;
  }

  /** Adds one generated id; returns the text it completes (possibly empty). */
  push(id: number): string {
    this.ids.push(id);
    const prefixText = this.tokenizer.decode(this.ids.slice(this.prefixOffset, this.readOffset));
    const newText = this.tokenizer.decode(this.ids.slice(this.prefixOffset));
    if (newText.length > prefixText.length && !newText.endsWith('\uFFFD')) {
      const piece = newText.slice(prefixText.length);
      this.prefixOffset = this.readOffset;
      this.readOffset = this.ids.length;
      this.emitted += piece;
      return piece;
    }
    return '';
  }

  /** Everything emitted so far. */
  get text(): string {
    return this.emitted;
  }
}
