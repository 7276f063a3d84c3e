import { AppError, ErrorCode } from '@swarmops/contracts';

/** The key of the confirmation in an elicitation request, its response and the tool arguments. */
export const CONFIRM_KEY = 'confirm';

/** What the client answered to the confirmation form, as far as this request carries it. */
export type ConfirmationAnswer = 'none' | 'accepted' | 'declined';

/** What the transport knows about asking the user during this call. */
export interface ConfirmationChannel {
  /** The client declared form elicitation for this request (or connection). */
  canElicit: boolean;
  /** The user's answer when this is the retried round of a confirmation; `none` otherwise. */
  answer: ConfirmationAnswer;
}

/** The pipeline's next step for a destructive call. */
export type ConfirmationDecision =
  { kind: 'proceed' } | { kind: 'ask'; question: string } | { kind: 'refuse'; error: AppError };

/**
 * Decides a destructive call (DESIGN.md: asks the client through elicitation when the client
 * supports it, and otherwise needs `confirm: true`). A client that can elicit always asks the user,
 * even when the model passed `confirm: true`: the model cannot confirm on the user's behalf there.
 */
export function decideConfirmation(input: {
  tool: string;
  question: string;
  confirmArg: unknown;
  channel: ConfirmationChannel;
}): ConfirmationDecision {
  const { tool, question, confirmArg, channel } = input;
  if (channel.canElicit) {
    if (channel.answer === 'accepted') return { kind: 'proceed' };
    if (channel.answer === 'declined') {
      return {
        kind: 'refuse',
        error: new AppError(
          ErrorCode.FORBIDDEN,
          `the user declined to confirm ${tool} (${question}); nothing was changed`,
          { details: { field: CONFIRM_KEY, reason: 'confirmation_declined' } },
        ),
      };
    }
    return { kind: 'ask', question };
  }
  if (confirmArg === true) return { kind: 'proceed' };
  return {
    kind: 'refuse',
    error: new AppError(
      ErrorCode.INVALID_REQUEST,
      `invalid field \`${CONFIRM_KEY}\`: ${tool} is destructive and needs \`confirm: true\`. ` +
        `Ask the user "${question}" and call again with \`confirm: true\` only if they agree; nothing was changed`,
      { details: { field: CONFIRM_KEY, reason: 'confirmation_required', question } },
    ),
  };
}

/** No client can be asked (tests, or a transport without elicitation). */
export const NO_ELICITATION: ConfirmationChannel = { canElicit: false, answer: 'none' };
