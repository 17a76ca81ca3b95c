import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How much of an export is held in memory before it goes to the database, and read back per query. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

/** Appends text to one large object, a chunk at a time. */
export interface ExportFileWriter {
  write(text: string): Promise<void>;
  /** Writes what is left in the buffer; returns the size of the file. */
  close(): Promise<number>;
}

/**
 * Export files as PostgreSQL large objects, written with `lo_put` and read with `lo_get` in
 * chunks, so neither side ever holds a whole file. The calls need no open descriptor and no
 * transaction of their own: each chunk is one statement on whichever pooled connection is free.
 */
@Injectable()
export class ExportFiles {
  constructor(private readonly dataSource: DataSource) {}

  async create(): Promise<number> {
    const [row] = await this.dataSource.query<{ oid: number }[]>('SELECT lo_create(0) AS oid');
    return Number(row.oid);
  }

  writer(oid: number): ExportFileWriter {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.dataSource.query('SELECT lo_put($1, $2, $3)', [oid, offset, chunk]);
      offset += chunk.length;
    };
    return {
      write: async (text: string) => {
        const bytes = Buffer.from(text, 'utf8');
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= EXPORT_CHUNK_BYTES) await flush();
      },
      close: async () => {
        await flush();
        return offset;
      },
    };
  }

  /** The file's bytes in order, one query per chunk. */
  async *read(oid: number, size: number): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < size; offset += EXPORT_CHUNK_BYTES) {
      const [row] = await this.dataSource.query<{ chunk: Buffer }[]>('SELECT lo_get($1, $2, $3) AS chunk', [
        oid,
        offset,
        Math.min(EXPORT_CHUNK_BYTES, size - offset),
      ]);
      yield row.chunk;
    }
  }
}
