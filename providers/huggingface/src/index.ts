export { createHuggingFace, huggingFace, type HuggingFaceSettings } from './huggingface-provider.ts';
export { VERSION } from './version.ts';
