export { createCanopyWave, canopyWave, type CanopyWaveSettings } from './canopywave-provider.ts';
export { VERSION } from './version.ts';
