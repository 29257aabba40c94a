export { default } from '@catalog/config/tsup';
