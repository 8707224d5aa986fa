// The protocol's version, apart from its schemas so the host relay does not bundle zod.
export const PROTOCOL_VERSION = 1;
