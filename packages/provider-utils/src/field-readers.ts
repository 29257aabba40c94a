import type { Modality } from '@catalog/provider-contract';

/** A positive integer from a number or numeric string; undefined otherwise. */
export function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A non-empty trimmed string; undefined otherwise. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An ISO 8601 timestamp from unix seconds, unix milliseconds, or a date string. */
export function toIsoTimestamp(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    ms = /^\d+$/.test(value.trim()) ? Number(value) * (value.trim().length <= 11 ? 1000 : 1) : Date.parse(value);
  }
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const MODALITY_SYNONYMS: Record<string, Modality> = {
  text: 'text',
  image: 'image',
  images: 'image',
  vision: 'image',
  audio: 'audio',
  speech: 'audio',
  voice: 'audio',
  video: 'video',
  file: 'file',
  files: 'file',
  pdf: 'file',
  document: 'file',
  embedding: 'embedding',
  embeddings: 'embedding',
  vector: 'embedding',
};

/**
 * Modalities from a list (`["text","image"]`), a comma/plus separated string ("text,image",
 * "text+image"), with synonyms mapped; unknown names are dropped, duplicates removed.
 */
export function parseModalities(value: unknown): Modality[] | undefined {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,+|]/) : [];
  const out = new Set<Modality>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const modality = MODALITY_SYNONYMS[name.trim().toLowerCase()];
    if (modality) out.add(modality);
  }
  return out.size > 0 ? [...out] : undefined;
}

/** OpenRouter-style "text+image->text" into input and output modalities. */
export function parseModalityArrow(value: unknown): { input?: Modality[]; output?: Modality[] } {
  if (typeof value !== 'string' || !value.includes('->')) return {};
  const [input, output] = value.split('->');
  return { input: parseModalities(input), output: parseModalities(output) };
}
