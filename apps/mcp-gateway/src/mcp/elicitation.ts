import { CLIENT_CAPABILITIES_META_KEY, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import type {
  ClientCapabilities,
  InputRequiredSpec,
  Server,
  ServerContext,
} from '@modelcontextprotocol/server';
import { CONFIRM_KEY } from './confirmation.js';
import type { ConfirmationAnswer, ConfirmationChannel } from './confirmation.js';

/**
 * Whether this request's client can answer a form elicitation, and what it answered. The
 * capabilities are the request's own `_meta` envelope on 2026-07-28, the `initialize` ones on a
 * 2025-era connection (stdio). A stateless 2025-era HTTP request has neither, so it cannot be
 * asked (its answer would reach another server instance) and needs `confirm: true`.
 */
export function confirmationChannel(server: Server, ctx: ServerContext): ConfirmationChannel {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  // getClientCapabilities is the SDK's 2025-era accessor (it is what its own input-required gate reads there).
  const declared = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const capabilities = declared ?? server.getClientCapabilities();
  const elicitation = capabilities?.elicitation;
  // A bare `elicitation: {}` (before modes existed) means form support.
  const canElicit =
    elicitation !== undefined && (elicitation.form !== undefined || elicitation.url === undefined);
  return { canElicit, answer: answerOf(ctx.mcpReq.inputResponses) };
}

function answerOf(responses: Record<string, unknown> | undefined): ConfirmationAnswer {
  const view = inputResponse(responses, CONFIRM_KEY);
  if (view.kind !== 'elicit') return 'none';
  return view.action === 'accept' && view.content?.[CONFIRM_KEY] === true ? 'accepted' : 'declined';
}

/** The yes/no form that asks the user `question`. */
export function confirmationForm(question: string): InputRequiredSpec {
  return {
    inputRequests: {
      [CONFIRM_KEY]: inputRequired.elicit({
        mode: 'form',
        message: question,
        requestedSchema: {
          type: 'object',
          properties: {
            [CONFIRM_KEY]: {
              type: 'boolean',
              title: 'Confirm',
              description: 'Yes to go ahead; no (or decline) changes nothing.',
              default: false,
            },
          },
          required: [CONFIRM_KEY],
        },
      }),
    },
  };
}
