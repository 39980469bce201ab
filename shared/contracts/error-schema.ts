import { z } from 'zod';
import { ERROR_CODES, type ErrorParams } from './errors.js';

/**
 * The wire shape of a refusal: a code and numbers, never a sentence. Apart from errors.ts so the
 * client's first screen can word refusals without loading zod.
 */
export const errorParamsSchema = z
  .object({
    minMinutes: z.number().int().nonnegative(),
    maxMinutes: z.number().int().nonnegative(),
    limit: z.number().int().nonnegative(),
    latest: z.number().int().nonnegative(),
  })
  .partial()
  .strict() satisfies z.ZodType<ErrorParams>;

export const ackErrorSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), params: errorParamsSchema.optional() }).strict(),
});
