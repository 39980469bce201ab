export const SERVER_NODE_FLAGS: string[];
export const SERVER_ENTRY: string;
