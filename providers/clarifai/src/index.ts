export { createClarifai, clarifai, type ClarifaiSettings } from './clarifai-provider.ts';
export { VERSION } from './version.ts';
