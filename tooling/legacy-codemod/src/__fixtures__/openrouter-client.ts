// Pattern 1 and 2: direct cache access and error state, as provider clients did it.
import { clearGatewayError, isGatewayInErrorState, modelsCache, setGatewayError } from '@catalog/legacy-cache';

declare function fetchFromApi(): Promise<{ id: string }[]>;

export async function fetchModelsFromOpenRouter(): Promise<unknown[]> {
  if (modelsCache('openrouter').data !== null) {
    return modelsCache('openrouter').data ?? [];
  }
  if (isGatewayInErrorState('openrouter')) {
    return [];
  }
  try {
    const models = await fetchFromApi();
    modelsCache('openrouter').data = models;
    modelsCache('openrouter').timestamp = new Date();
    await clearGatewayError('openrouter');
    return models;
  } catch (error) {
    await setGatewayError('openrouter', String(error));
    return [];
  }
}
