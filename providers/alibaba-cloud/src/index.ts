export { createAlibabaCloud, alibabaCloud, type AlibabaCloudSettings } from './alibaba-cloud-provider.ts';
export { VERSION } from './version.ts';
