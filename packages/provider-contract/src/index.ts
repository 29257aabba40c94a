export { CONTRACT_VERSION, type ContractVersion } from './contract-version.ts';
export {
  CatalogModel,
  CatalogModelList,
  DecimalString,
  Modality,
  ModelCapabilities,
  ModelKind,
  ModelPricing,
} from './catalog-model.ts';
export { CatalogError, hasErrorCode } from './catalog-error.ts';
export { ContractVersionError, InvalidSettingError, MissingApiKeyError } from './configuration-errors.ts';
export {
  InvalidJsonError,
  PaginationError,
  ResponseTooLargeError,
  UnexpectedShapeError,
  UpstreamError,
  UpstreamHttpError,
  UpstreamNetworkError,
} from './upstream-errors.ts';
export type {
  CatalogProvider,
  FetchContext,
  FetchModelsOptions,
  FetchModelsResult,
  HttpClient,
  HttpRequestOptions,
  HttpResponse,
  Logger,
  ProviderAuth,
  ProviderSettings,
  ProviderTier,
  SkippedEntry,
} from './provider.ts';
