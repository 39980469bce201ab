import type { AckError, ErrorCode, ErrorParams } from '../../shared/contracts/errors.js';

export function refuse(code: ErrorCode, params?: ErrorParams): AckError {
  return { error: params ? { code, params } : { code } };
}
