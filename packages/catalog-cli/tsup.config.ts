import { catalogTsupConfig } from '@catalog/config/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(catalogTsupConfig({ entry: { index: 'src/index.ts', cli: 'src/cli.ts' } }));
