export * from './aead.js';
export * from './base64url.js';
export * from './couple-key.js';
export * from './safety-code.js';
