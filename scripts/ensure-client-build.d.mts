export function ensureClientBuild(): Promise<void>;
