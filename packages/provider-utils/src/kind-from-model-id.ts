import type { Modality, ModelKind } from '@catalog/provider-contract';
import { modalitiesOfKind } from './modalities-of-kind.ts';

const RULES: readonly [RegExp, ModelKind][] = [
  [/(^|[/-])(text-)?embed(ding)?s?([-_]|$)|bge-|e5-|gte-|nomic-embed/i, 'embedding'],
  [/rerank/i, 'rerank'],
  [/whisper|transcri|(^|[/-])stt([-_]|$)|distil-whisper/i, 'transcription'],
  [/(^|[/-])tts([-_]|$)|-tts|playai-tts|text-to-speech|kokoro/i, 'speech'],
  [/dall-e|gpt-image|flux|stable-diffusion|sdxl|imagen|image-gen|text-to-image|recraft/i, 'image'],
  [/sora|veo-|text-to-video|video-gen|kling/i, 'video'],
  [/moderation|llama-guard|prompt-guard|shieldgemma/i, 'moderation'],
];

/**
 * A model's kind (and modalities) guessed from its id, for lists that give nothing else
 * (OpenAI, Groq, …). Anything not recognised as embedding, rerank, speech, transcription, image,
 * video or moderation is a chat model with text in and out.
 */
export function kindFromModelId(id: string): {
  kind: ModelKind;
  inputModalities: Modality[];
  outputModalities: Modality[];
} {
  const kind = RULES.find(([pattern]) => pattern.test(id))?.[1] ?? 'chat';
  const modalities = modalitiesOfKind(kind)!;
  return { kind, inputModalities: modalities.input, outputModalities: modalities.output };
}
