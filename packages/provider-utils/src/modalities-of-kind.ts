import type { Modality, ModelKind } from '@catalog/provider-contract';

const MODALITIES: Partial<Record<ModelKind, { input: Modality[]; output: Modality[] }>> = {
  chat: { input: ['text'], output: ['text'] },
  completion: { input: ['text'], output: ['text'] },
  embedding: { input: ['text'], output: ['embedding'] },
  rerank: { input: ['text'], output: ['text'] },
  moderation: { input: ['text'], output: ['text'] },
  image: { input: ['text'], output: ['image'] },
  video: { input: ['text'], output: ['video'] },
  speech: { input: ['text'], output: ['audio'] },
  audio: { input: ['text'], output: ['audio'] },
  transcription: { input: ['audio'], output: ['text'] },
};

/** The modalities a model of this kind has at least (text in, image out for an image model, …). */
export function modalitiesOfKind(kind: ModelKind | undefined): { input: Modality[]; output: Modality[] } | undefined {
  const found = kind ? MODALITIES[kind] : undefined;
  return found ? { input: [...found.input], output: [...found.output] } : undefined;
}
