import type { Modality, ModelKind } from '@catalog/provider-contract';

/**
 * A family of models recognised by name. Patterns are matched, in table order (first match wins),
 * against the normalised model name: no author, lower case, versions written with a dot
 * (`llama-3.1-8b-instruct`, `claude-3.5-sonnet`, `qwen2.5-vl-32b-instruct`).
 */
export interface ModelFamily {
  readonly pattern: RegExp;
  /** The author ids of this family are grouped under when they name none (HF organisation style). */
  readonly author: string;
  /** The kind every model of the family has; absent when the family mixes base and chat models. */
  readonly kind?: ModelKind;
  /** The modalities every model of the family has; absent when the name does not settle them. */
  readonly input?: readonly Modality[];
  readonly output?: readonly Modality[];
  /** Releases whose plain name is the post-trained (chat) model; base checkpoints say `-base`. */
  readonly chatUnlessBase?: boolean;
}

const TEXT: readonly Modality[] = ['text'];
const TEXT_IMAGE: readonly Modality[] = ['text', 'image'];
const TEXT_AUDIO: readonly Modality[] = ['text', 'audio'];
/** Gemini 1.5 and later take text, images, audio, video and documents (PDF) in one request. */
const GEMINI_INPUT: readonly Modality[] = ['text', 'image', 'audio', 'video', 'file'];

const chat = (pattern: RegExp, author: string, input: readonly Modality[], output = TEXT): ModelFamily => ({
  pattern,
  author,
  kind: 'chat',
  input,
  output,
});
/** Open-weight families with base and instruction-tuned checkpoints: modalities known, kind not. */
const weights = (pattern: RegExp, author: string, input: readonly Modality[], output = TEXT): ModelFamily => ({
  pattern,
  author,
  input,
  output,
});
/** Open-weight families released post-trained under the plain name (`Qwen3-32B`; `Qwen3-32B-Base`). */
const posttrained = (pattern: RegExp, author: string, input: readonly Modality[], output = TEXT): ModelFamily => ({
  ...weights(pattern, author, input, output),
  chatUnlessBase: true,
});
const authorOnly = (pattern: RegExp, author: string, kind?: ModelKind): ModelFamily =>
  kind ? { pattern, author, kind } : { pattern, author };

/**
 * The families whose names settle facts, from the vendors' model documentation. Anything not
 * listed here, or listed with `authorOnly`, gets no kind or modalities from its name: unknown
 * stays absent. Embedding, speech, transcription, image, video, rerank and moderation models are
 * recognised by kind first (kindFromModelId), so their entries here only give the author.
 */
export const MODEL_FAMILIES: readonly ModelFamily[] = [
  // OpenAI
  chat(/^(gpt-4o(-mini)?-(audio|realtime)|gpt-(audio|realtime))/, 'openai', TEXT_AUDIO, TEXT_AUDIO),
  chat(/^gpt-4o(-mini)?-search/, 'openai', TEXT),
  chat(/^(chatgpt-4o|gpt-4o)/, 'openai', TEXT_IMAGE),
  chat(/^gpt-(4\.1|4\.5|5)(-|\.|$)/, 'openai', TEXT_IMAGE),
  chat(/^gpt-4-turbo$/, 'openai', TEXT_IMAGE),
  chat(/^gpt-4(-32k|-turbo-preview|-(0125|1106)-preview)?$/, 'openai', TEXT),
  { pattern: /^gpt-3\.5-turbo-instruct/, author: 'openai', kind: 'completion', input: TEXT, output: TEXT },
  chat(/^gpt-3\.5-turbo/, 'openai', TEXT),
  chat(/^(o1|o1-pro|o3|o3-pro|o4-mini)$/, 'openai', TEXT_IMAGE),
  chat(/^(o1-mini|o1-preview|o3-mini)$/, 'openai', TEXT),
  posttrained(/^gpt-oss-/, 'openai', TEXT),
  authorOnly(
    /^(o\d(-|$)|gpt-|chatgpt-|dall-e|whisper|tts-1|text-embedding-(3|ada)|(omni|text)-moderation|sora)/,
    'openai',
  ),
  // Anthropic: every Claude 3, 3.5 Sonnet, 3.7 and 4.x model takes images; Claude 3.5 Haiku launched
  // text-only, so the name alone does not settle it.
  authorOnly(/^claude-3\.5-haiku/, 'anthropic', 'chat'),
  chat(/^claude-(3-(opus|sonnet|haiku)|3\.5-sonnet|3\.7-sonnet|(opus|sonnet|haiku)-4)/, 'anthropic', TEXT_IMAGE),
  authorOnly(/^claude/, 'anthropic', 'chat'),
  // Google
  authorOnly(/^gemini-.*-(live|native-audio)/, 'google'),
  chat(/^gemini-(1\.5|2\.0|2\.5|3|3\.\d)-(pro|flash)/, 'google', GEMINI_INPUT),
  weights(/^gemma-?3-(4b|12b|27b)/, 'google', TEXT_IMAGE),
  weights(/^gemma-?(2|3-1b)/, 'google', TEXT),
  authorOnly(/^(gemini|gemma|imagen|veo-|text-embedding-00|text-multilingual-embedding|learnlm)/, 'google'),
  // Meta
  weights(/^llama-4(-|$)/, 'meta-llama', TEXT_IMAGE),
  weights(/^llama-3\.2-\d+b-vision/, 'meta-llama', TEXT_IMAGE),
  weights(/^llama-(2|3|3\.1|3\.2|3\.3)-\d+b/, 'meta-llama', TEXT),
  authorOnly(/^llama/, 'meta-llama'),
  // DeepSeek
  weights(/^deepseek-vl/, 'deepseek-ai', TEXT_IMAGE),
  posttrained(/^deepseek-(v3|v3\.\d|r1)(-|$)/, 'deepseek-ai', TEXT),
  weights(/^deepseek-(v2|v2\.5|coder|prover|math)(-|$)/, 'deepseek-ai', TEXT),
  chat(/^deepseek-(chat|reasoner)$/, 'deepseek-ai', TEXT),
  authorOnly(/^deepseek/, 'deepseek-ai'),
  // Qwen (Alibaba)
  weights(/^(qwen[\d.]*-vl|qwen-vl|qvq)/, 'qwen', TEXT_IMAGE),
  weights(/^qwen[\d.]*-omni/, 'qwen', ['text', 'image', 'audio', 'video'], TEXT_AUDIO),
  authorOnly(/^qwen[\d.]*-(audio|image|tts|asr|mt)/, 'qwen'),
  chat(/^qwen[\d.]*-(max|plus|turbo|long)(-|$)/, 'qwen', TEXT),
  posttrained(/^(qwen3(\.\d)?|qwq)(-|$)/, 'qwen', TEXT),
  weights(/^qwen[\d.]+(-|$)/, 'qwen', TEXT),
  authorOnly(/^(qwen|qwq)/, 'qwen'),
  // xAI
  chat(/^grok-(2-vision|4)(-|$)/, 'x-ai', TEXT_IMAGE),
  chat(/^grok-(3|code-fast)(-|$)/, 'x-ai', TEXT),
  authorOnly(/^grok/, 'x-ai'),
  // Mistral
  weights(/^(pixtral|mistral-small-3\.[12])(-|$)/, 'mistralai', TEXT_IMAGE),
  weights(/^(mistral-(7b|nemo)|mixtral|codestral|mathstral|devstral)(-|$)/, 'mistralai', TEXT),
  authorOnly(/^(mistral|mixtral|pixtral|codestral|ministral|magistral|devstral|voxtral)/, 'mistralai'),
  // Z.ai (GLM): vision models end in "v"
  posttrained(/^glm-[\d.]+v(-|$)/, 'zai-org', TEXT_IMAGE),
  posttrained(/^glm-\d(\.\d)?(-|$)/, 'zai-org', TEXT),
  authorOnly(/^glm/, 'zai-org'),
  // Moonshot
  weights(/^kimi-vl/, 'moonshotai', TEXT_IMAGE),
  posttrained(/^kimi-k2(-|$)/, 'moonshotai', TEXT),
  authorOnly(/^(kimi|moonshot)/, 'moonshotai'),
  // Authors of families whose kind comes from kindFromModelId
  authorOnly(/^phi-/, 'microsoft'),
  authorOnly(/^flux/, 'black-forest-labs'),
  authorOnly(/^nomic-embed/, 'nomic-ai'),
  authorOnly(/^bge-/, 'baai'),
];

/** The family a normalised model name belongs to, if any. */
export function modelFamilyOf(name: string): ModelFamily | undefined {
  return MODEL_FAMILIES.find((family) => family.pattern.test(name));
}
