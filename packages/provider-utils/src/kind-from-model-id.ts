import type { Modality, ModelKind } from '@catalog/provider-contract';

const RULES: readonly [RegExp, ModelKind, Modality[], Modality[]][] = [
  [/(^|[/-])(text-)?embed(ding)?s?([-_]|$)|bge-|e5-|gte-|nomic-embed/i, 'embedding', ['text'], ['embedding']],
  [/rerank/i, 'rerank', ['text'], ['text']],
  [/whisper|transcri|(^|[/-])stt([-_]|$)|distil-whisper/i, 'transcription', ['audio'], ['text']],
  [/(^|[/-])tts([-_]|$)|-tts|playai-tts|text-to-speech|kokoro/i, 'speech', ['text'], ['audio']],
  [/dall-e|gpt-image|flux|stable-diffusion|sdxl|imagen|image-gen|text-to-image|recraft/i, 'image', ['text'], ['image']],
  [/sora|veo-|text-to-video|video-gen|kling/i, 'video', ['text'], ['video']],
  [/moderation|llama-guard|prompt-guard|shieldgemma/i, 'moderation', ['text'], ['text']],
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
  for (const [pattern, kind, input, output] of RULES) {
    if (pattern.test(id)) return { kind, inputModalities: input, outputModalities: output };
  }
  return { kind: 'chat', inputModalities: ['text'], outputModalities: ['text'] };
}
