/** Text limits, apart from the zod schemas so the client can use them without loading zod. */
export const NAME_MAX = 40;
export const REASSURANCE_MAX = 280;
