export { createVercelAiGateway, vercelAiGateway, type VercelAiGatewaySettings } from './vercel-ai-gateway-provider.ts';
export { VERSION } from './version.ts';
