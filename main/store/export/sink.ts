// A buffered text file writer for the line-based exports (JSONL, CSV, Spec-Bench): appends strings,
// writes them out in ~1 MB chunks so memory stays bounded, and counts the bytes written.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

const CHUNK_CHARS = 1 << 20;

export class TextSink {
  private chunks: string[] = [];
  private pending = 0;
  private written = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates (or truncates) `file` for writing. */
  static async open(file: string): Promise<TextSink> {
    return new TextSink(await open(file, 'w'));
  }

  /** Bytes written to the file so far. */
  get bytes(): number {
    return this.written;
  }

  /** Appends text; resolves once any chunk it completed has reached the file. */
  async write(text: string): Promise<void> {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const buffer = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.pending = 0;
    await this.handle.write(buffer);
    this.written += buffer.length;
  }

  /** Writes what is buffered and closes the file (also after a failure, without flushing). */
  async close(options: { flush?: boolean } = {}): Promise<void> {
    try {
      if (options.flush ?? true) await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

/** Opens a sink, lets `body` write to it, and always closes the file. Returns `body`'s result. */
export async function withTextSink<T>(file: string, body: (sink: TextSink) => Promise<T>): Promise<{ result: T; bytes: number }> {
  const sink = await TextSink.open(file);
  let ok = false;
  try {
    const result = await body(sink);
    ok = true;
    await sink.close();
    return { result, bytes: sink.bytes };
  } finally {
    if (!ok) await sink.close({ flush: false });
  }
}
