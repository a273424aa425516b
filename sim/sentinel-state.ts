import { opaque } from './ids';

/** Flows accepted for video/image creates (docs/backend-facts.md §3.1 flow table). */
export const CREATE_FLOWS: readonly string[] = ['sora_2_create_task', 'sora_2_create_task__auto'];

/** Server tokens `c` handed out by sentinel/req, with their issue time. */
export class SentinelState {
  private readonly issued = new Map<string, number>();

  issue(now: number): string {
    const c = `gAAAAAB${opaque(48)}`;
    this.issued.set(c, now);
    return c;
  }

  /**
   * Checks an `openai-sentinel-token` header (docs/backend-facts.md §3.2 format). Returns null when acceptable,
   * else a reason (for the log; the client only ever sees sentinel_block, docs/backend-facts.md §3.1).
   */
  check(
    header: string | undefined,
    deviceHeader: string | undefined,
    ttlMs: number,
    now: number,
  ): string | null {
    if (!header) return 'missing sentinel token';
    let tok: unknown;
    try {
      tok = JSON.parse(header);
    } catch {
      return 'sentinel token is not JSON';
    }
    if (typeof tok !== 'object' || tok === null) return 'sentinel token is not an object';
    const { p, c, id, flow } = tok as Record<string, unknown>;
    if (
      typeof p !== 'string' ||
      typeof c !== 'string' ||
      typeof id !== 'string' ||
      typeof flow !== 'string'
    ) {
      return 'sentinel token lacks p/c/id/flow';
    }
    const at = this.issued.get(c);
    if (at === undefined) return 'unknown sentinel c';
    if (now - at >= ttlMs) return 'sentinel c expired';
    if (!CREATE_FLOWS.includes(flow)) return `wrong flow ${flow}`;
    // docs/backend-facts.md §2.1/§3.2: id must match oai-device-id when the client sends it.
    if (deviceHeader !== undefined && deviceHeader !== id) return 'device id mismatch';
    return null;
  }
}
