import type { Modality, ModelCapabilities } from '@catalog/provider-contract';

const NAMES: Record<keyof ModelCapabilities, readonly string[]> = {
  tools: ['tools', 'tool_choice', 'function_calling', 'function-calling', 'tool-use', 'tool_use'],
  structuredOutput: [
    'structured_outputs',
    'structured-outputs',
    'structured_output',
    'json_mode',
    'json-mode',
    'response_format',
  ],
  reasoning: ['reasoning', 'include_reasoning', 'thinking'],
  vision: ['vision', 'image_input', 'image-input'],
};

/**
 * Capabilities from a provider's feature or parameter list (`supported_features`,
 * `supported_parameters`, `capabilities`, comma lists already split), each name in the spellings
 * upstreams use. Vision is also true when image input is listed. Undefined when the upstream gives
 * no list at all: unknown is not "none".
 */
export function capabilitiesFromFeatures(
  features: readonly string[] | null | undefined,
  inputModalities?: readonly Modality[],
): ModelCapabilities | undefined {
  if (!features) return undefined;
  const present = new Set(features.map((f) => f.trim().toLowerCase()));
  const has = (key: keyof ModelCapabilities) => NAMES[key].some((name) => present.has(name));
  return {
    tools: has('tools'),
    structuredOutput: has('structuredOutput'),
    reasoning: has('reasoning'),
    vision: has('vision') || (inputModalities?.includes('image') ?? false),
  };
}
