export { AuthFailureReason, authFailure } from './auth-failure.js';
export { parseDuration } from './duration.js';
export type { Principal } from './principal.js';
export { authorizeTool, filterByStacks, roleAllows, stackAllowed } from './roles.js';
export type { ToolRequirement } from './roles.js';
export {
  TOKEN_PREFIX,
  generateToken,
  hashToken,
  hashesEqual,
  looksLikePersonalToken,
  parseTokenPrefix,
} from './token-format.js';
export type { GeneratedToken } from './token-format.js';
export { tokenUnusableReason } from './token-record.js';
export type { TokenRecord } from './token-record.js';
export { createTokenStore } from './token-store.js';
export type { CreateTokenInput, TokenStore, TokenStoreOptions } from './token-store.js';
