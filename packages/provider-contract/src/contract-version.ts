/**
 * The version of the provider contract. A provider package records the version it was built
 * against; the aggregator refuses a provider whose version differs (ContractVersionError)
 * instead of letting it misbehave.
 */
export const CONTRACT_VERSION = 1 as const;
export type ContractVersion = typeof CONTRACT_VERSION;
