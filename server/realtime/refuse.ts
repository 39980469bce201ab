import type { AckError, ErrorCode } from '../../shared/contracts/errors.js';

export function refuse(code: ErrorCode, message: string): AckError {
  return { error: { code, message } };
}
