// Buffered line writers, one per output file, optionally gzipped. Lines are gathered into
// ~1 MB chunks and written with backpressure, so memory stays flat however many lines pass.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';

const CHUNK_BYTES = 1 << 20;

class Sink {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;
  lines = 0;
  private readonly file: WriteStream;
  private readonly head: Gzip | WriteStream;

  constructor(readonly path: string, gzip: boolean) {
    mkdirSync(dirname(path), { recursive: true });
    this.file = createWriteStream(path);
    if (gzip) {
      const gz = createGzip();
      gz.pipe(this.file);
      this.head = gz;
    } else this.head = this.file;
  }

  /** Appends a line; true when the buffer is full enough to flush. */
  add(line: string): boolean {
    // Encoded straight into the chunk: no array of strings to join (which kept the GC busy).
    if (this.offset + 3 * line.length + 1 > this.buffer.length) this.grow(3 * line.length + 1);
    this.offset += this.buffer.write(line, this.offset);
    this.buffer[this.offset++] = 10;
    this.lines++;
    return this.offset >= CHUNK_BYTES / 2;
  }

  private grow(need: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.offset + need));
    this.buffer.copy(bigger, 0, 0, this.offset);
    this.buffer = bigger;
  }

  async flush(): Promise<void> {
    if (this.offset === 0) return;
    const chunk = this.buffer.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.offset = 0;
    if (!this.head.write(chunk)) await once(this.head, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.head.end();
    await finished(this.file);
  }
}

/** A set of output files addressed by path; lines go to the file named for them. */
export class Sinks {
  private readonly open = new Map<string, Sink>();
  private full: Sink[] = [];

  constructor(private readonly gzip: boolean) {}

  /** Queues a line for a file (created on first use); call drain() now and then. */
  write(path: string, line: string): void {
    let sink = this.open.get(path);
    if (!sink) {
      sink = new Sink(this.gzip ? `${path}.gz` : path, this.gzip);
      this.open.set(path, sink);
    }
    if (sink.add(line)) this.full.push(sink);
  }

  /** Writes out every file whose buffer is full, waiting for the disk when it lags. */
  async drain(): Promise<void> {
    const full = this.full;
    this.full = [];
    for (const sink of full) await sink.flush();
  }

  /** Closes every file; returns each file's path and line count, in path order. */
  async close(): Promise<Array<{ path: string; lines: number }>> {
    const sinks = [...this.open.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const sink of sinks) await sink.close();
    return sinks.map((s) => ({ path: s.path, lines: s.lines }));
  }
}
