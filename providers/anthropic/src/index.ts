export { createAnthropic, anthropic, type AnthropicSettings } from './anthropic-provider.ts';
export { VERSION } from './version.ts';
