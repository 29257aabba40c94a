import { fnv1a } from './fnv1a.ts';
import { deflatePart, gzipFromParts, type GzipPart } from './gzip-from-parts.ts';

/** A JSON body serialised once; its bytes and gzip form made on first use. */
export interface EncodedJson {
  readonly byteLength: number;
  identity(): Buffer;
  /** The JSON's bytes in order, in the pieces it is kept in (joined, they are `identity()`). */
  parts(): readonly Buffer[];
  gzip(): Buffer;
}

interface ItemText {
  readonly bytes: Buffer;
  /** The item ends a chunk (decided by its content, so chunks stay put when items come and go). */
  readonly endsChunk: boolean;
}

interface Chunk {
  readonly members: readonly object[];
  /** Its last member ends a chunk (else the chunk ended with its list). */
  readonly closed: boolean;
  /** A comma, then the members' JSON joined with commas (the comma is left out for a body's first chunk). */
  readonly bytes: Buffer;
  /** Compressed: as a body's first chunk, and after another one. */
  first?: GzipPart;
  following?: GzipPart;
}

const COMMA = Buffer.from(',');
/** Prefixes and suffixes kept compressed (routes have a few). */
const MAX_ENDS = 16;

/**
 * Encodes JSON bodies that are a list of immutable items between a fixed prefix and suffix
 * (`{"object":"list","data":[` … `]}`), built again for every catalog version. Each item's JSON
 * is kept per item object, and the list is cut into chunks at items chosen by their content;
 * each chunk's gzip part (with its CRC-32) is kept too. A new version whose list shares most item
 * objects with the previous one (the merged catalog keeps the entries a change did not touch)
 * serialises and compresses only the chunks holding new items, and its gzip body is assembled
 * from the parts without reading the rest again. The body is the same bytes as serialising the
 * whole value with JSON.stringify. Items must not change once given (the catalog's are frozen).
 */
export class JsonListEncoder<T extends object> {
  readonly #serialize: (item: T) => string;
  readonly #chunkMask: number;
  readonly #texts = new WeakMap<T, ItemText>();
  /** By first member; reused when the members are the same objects. */
  readonly #chunks = new WeakMap<T, Chunk>();
  readonly #ends = new Map<string, { bytes: Buffer; part: GzipPart }>();

  /**
   * @param serialize the item's JSON (`JSON.stringify` of what the body holds for it)
   * @param averageChunkItems about how many items a chunk holds (a power of two; default 64)
   */
  constructor(serialize: (item: T) => string, averageChunkItems = 64) {
    if (!(averageChunkItems >= 1) || (averageChunkItems & (averageChunkItems - 1)) !== 0) {
      throw new RangeError(`averageChunkItems must be a power of two (got ${averageChunkItems})`);
    }
    this.#serialize = serialize;
    this.#chunkMask = averageChunkItems - 1;
  }

  encode(prefix: string, items: readonly T[], suffix: string): EncodedJson {
    const chunks = this.#chunksOf(items);
    const head = this.#end(prefix);
    const tail = this.#end(suffix);
    const pieces = [
      head.bytes,
      ...chunks.map((chunk, i) => (i === 0 ? chunk.bytes.subarray(1) : chunk.bytes)),
      tail.bytes,
    ];
    let identity: Buffer | undefined;
    let gzip: Buffer | undefined;
    return {
      byteLength: pieces.reduce((n, piece) => n + piece.length, 0),
      identity: () => (identity ??= Buffer.concat(pieces)),
      parts: () => pieces,
      gzip: () =>
        (gzip ??= gzipFromParts([
          head.part,
          ...chunks.map((chunk, i) =>
            i === 0
              ? (chunk.first ??= deflatePart(chunk.bytes.subarray(1)))
              : (chunk.following ??= deflatePart(chunk.bytes)),
          ),
          tail.part,
        ])),
    };
  }

  #chunksOf(items: readonly T[]): Chunk[] {
    const chunks: Chunk[] = [];
    let i = 0;
    while (i < items.length) {
      // Most of a new version's list is the previous one's chunks, item for item.
      const known = this.#chunks.get(items[i]!);
      if (known && fits(known, items, i)) {
        chunks.push(known);
        i += known.members.length;
        continue;
      }
      const members: T[] = [];
      while (i < items.length) {
        const item = items[i++]!;
        members.push(item);
        if (this.#textOf(item).endsChunk) break;
      }
      chunks.push(this.#newChunk(members));
    }
    return chunks;
  }

  #end(text: string) {
    let end = this.#ends.get(text);
    if (!end) {
      if (this.#ends.size >= MAX_ENDS) this.#ends.clear();
      const bytes = Buffer.from(text);
      end = { bytes, part: deflatePart(bytes) };
      this.#ends.set(text, end);
    }
    return end;
  }

  #textOf(item: T): ItemText {
    let text = this.#texts.get(item);
    if (!text) {
      const json = this.#serialize(item);
      text = { bytes: Buffer.from(json), endsChunk: (hashText(json) & this.#chunkMask) === 0 };
      this.#texts.set(item, text);
    }
    return text;
  }

  #newChunk(members: T[]): Chunk {
    const pieces: Buffer[] = [];
    for (const member of members) pieces.push(COMMA, this.#textOf(member).bytes);
    const chunk: Chunk = {
      members,
      closed: this.#textOf(members.at(-1)!).endsChunk,
      bytes: Buffer.concat(pieces),
    };
    this.#chunks.set(members[0]!, chunk);
    return chunk;
  }
}

/**
 * Whether `chunk` is the chunk the list has at `start`: the same item objects, up to an item
 * that ends a chunk (or the list's end, for a chunk that ended with its list).
 */
function fits(chunk: Chunk, items: readonly object[], start: number): boolean {
  const { members } = chunk;
  const end = start + members.length;
  if (end > items.length || (!chunk.closed && end !== items.length)) return false;
  for (let i = 0; i < members.length; i++) if (members[i] !== items[start + i]) return false;
  return true;
}

/**
 * FNV-1a, then murmur3's finaliser (FNV's low bits alone follow the low bits of the text and
 * repeat for texts of one shape): cheap, and spread well enough to place chunk ends.
 */
function hashText(text: string): number {
  let h = fnv1a(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
