import type { Modality, ModelKind } from '@catalog/provider-contract';
import { canonicalModelId } from './canonical-model-id.ts';
import { modalitiesOfKind } from './modalities-of-kind.ts';
import { modelFamilyOf } from './model-families.ts';

/** Kinds an id names outright, whatever the vendor (tried before the model families). */
const KIND_RULES: readonly [RegExp, ModelKind][] = [
  [/(^|[/-])(text-)?embed(ding)?s?([-_]|$)|bge-|e5-|gte-|nomic-embed/i, 'embedding'],
  [/rerank/i, 'rerank'],
  [/whisper|transcri|(^|[/-])stt([-_]|$)|distil-whisper/i, 'transcription'],
  [/(^|[/-])tts([-_]|$)|-tts|playai-tts|text-to-speech|kokoro/i, 'speech'],
  [/dall-e|gpt-image|flux|stable-diffusion|sdxl|imagen|image-gen|text-to-image|recraft|(^|[/-])image(-|$)/i, 'image'],
  [/sora|veo-|text-to-video|video-gen|kling/i, 'video'],
  [/moderation|llama-guard|prompt-guard|shieldgemma/i, 'moderation'],
];

/** Instruction-tuned checkpoints of open-weight families are chat models. */
const INSTRUCT_NAME = /(^|-)(instruct|chat|it)(-|$)/;
const BASE_NAME = /(^|-)base(-|$)/;

export interface KindFromModelId {
  kind?: ModelKind;
  inputModalities?: Modality[];
  outputModalities?: Modality[];
}

/**
 * What a model id alone says about the model, for lists that give nothing else (OpenAI, Groq,
 * …): the kind an id names (embedding, rerank, transcription, speech, image, video, moderation,
 * with that kind's modalities), else what its model family settles (MODEL_FAMILIES: gpt-4o and
 * gpt-4.1 take images, Llama 4 takes images, Llama 3.x is text only, …). An id that is neither
 * gives nothing: unknown stays absent, never "text-only chat" by default.
 */
export function kindFromModelId(id: string): KindFromModelId {
  const byKind = KIND_RULES.find(([pattern]) => pattern.test(id))?.[1];
  if (byKind) {
    const modalities = modalitiesOfKind(byKind)!;
    return { kind: byKind, inputModalities: modalities.input, outputModalities: modalities.output };
  }
  const canonical = canonicalModelId(id);
  const name = canonical.slice(canonical.lastIndexOf('/') + 1);
  const family = modelFamilyOf(name);
  if (!family) return {};
  const chat = family.chatUnlessBase ? !BASE_NAME.test(name) : INSTRUCT_NAME.test(name);
  const kind = family.kind ?? (family.input && chat ? 'chat' : undefined);
  const result: KindFromModelId = {};
  if (kind) result.kind = kind;
  if (family.input) result.inputModalities = [...family.input];
  if (family.output) result.outputModalities = [...family.output];
  return result;
}
