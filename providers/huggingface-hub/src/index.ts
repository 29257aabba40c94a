export { createHuggingFaceHub, huggingFaceHub, type HuggingFaceHubSettings } from './huggingface-hub-provider.ts';
export { VERSION } from './version.ts';
