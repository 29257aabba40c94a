import type { CacheStore } from './cache-store.ts';
import { DocumentConflictError } from './kernel-error.ts';

/** The new text of a document given its current text (undefined: absent); undefined: leave it. */
export type DocumentUpdate = (current: string | undefined) => string | undefined;

export interface UpdateDocumentOptions {
  /** Compare-and-set attempts before giving up with DocumentConflictError (default 8, at least 1). */
  attempts?: number;
}

export const DEFAULT_DOCUMENT_UPDATE_ATTEMPTS = 8;

/**
 * Read-modify-write of one document without lost updates: read, apply `update`, write only if
 * the document is still what was read (the store's compare-and-set), else read again and re-apply.
 * A conflict means another writer succeeded, so some writer always makes progress; a short,
 * growing, jittered pause between attempts keeps two writers from colliding in lockstep.
 * Resolves to the document's text after the update.
 */
export async function updateDocument(
  store: Pick<CacheStore, 'getDocument' | 'compareAndSetDocument'>,
  name: string,
  update: DocumentUpdate,
  options: UpdateDocumentOptions & { random?: () => number } = {},
): Promise<string | undefined> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? DEFAULT_DOCUMENT_UPDATE_ATTEMPTS));
  const random = options.random ?? Math.random;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await store.getDocument(name);
    const next = update(current);
    if (next === undefined || next === current) return current;
    if (await store.compareAndSetDocument(name, current, next)) return next;
    if (attempt < attempts) await pause(random() * 2 ** attempt);
  }
  throw new DocumentConflictError(name, attempts);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
