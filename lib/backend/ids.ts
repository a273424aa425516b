/** The Sora session's backend id: always there, never removed; rows from before schema v3 run on it. */
export const SORA_BACKEND_ID = 'sora';
