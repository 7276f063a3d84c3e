import { AppError, ErrorCode } from '@swarmops/contracts';

/** Why a bearer was refused; carried in `details.reason` of the UNAUTHORIZED error. */
export const AuthFailureReason = {
  missing: 'missing',
  malformed: 'malformed',
  unknown: 'unknown',
  revoked: 'revoked',
  expired: 'expired',
  notYetValid: 'not_yet_valid',
  badSignature: 'bad_signature',
  wrongAudience: 'wrong_audience',
  wrongIssuer: 'wrong_issuer',
  oauthDisabled: 'oauth_disabled',
} as const;
export type AuthFailureReason = (typeof AuthFailureReason)[keyof typeof AuthFailureReason];

const MESSAGES: Record<AuthFailureReason, string> = {
  missing: 'no bearer token: send Authorization: Bearer <token>',
  malformed: 'the bearer token is malformed',
  unknown: 'the token is not known',
  revoked: 'the token has been revoked',
  expired: 'the token has expired',
  not_yet_valid: 'the token is not valid yet (nbf)',
  bad_signature: 'the token signature does not verify',
  wrong_audience: 'the token was issued for another audience',
  wrong_issuer: 'the token comes from an issuer this server does not trust',
  oauth_disabled: 'OAuth bearer tokens are not accepted here (no issuer configured)',
};

/** The UNAUTHORIZED error for `reason`; never includes the token itself. */
export function authFailure(reason: AuthFailureReason, cause?: unknown): AppError {
  return new AppError(ErrorCode.UNAUTHORIZED, `unauthorized: ${MESSAGES[reason]}`, {
    details: { reason },
    cause,
  });
}
