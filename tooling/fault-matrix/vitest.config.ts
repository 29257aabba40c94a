export { default } from '@catalog/config/vitest';
