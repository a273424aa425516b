import { randomBytes } from 'node:crypto';
import type { SimContext } from './context';
import { blobName, signedMediaUrl } from './media-url';
import type { SimTask } from './types';

/** A published draft (docs/backend-facts.md §6.5: a post is made from a `gen_…`; its video is the draft's). */
export interface SimPost {
  id: string;
  genId: string;
  text: string;
  postedAt: number;
}

/** An own character (docs/backend-facts.md §4.9), listed by `search_mentions?intent=cameo`. */
export interface SimCharacter {
  id: string;
  username: string;
  displayName: string;
  createdAt: number;
  /** Blob uuid of its profile picture (served as a PNG). */
  mediaId: string;
}

export interface SeedOptions {
  drafts?: number;
  posts?: number;
  characters?: number;
  /** Newest seeded item is this old (ms). */
  newestAgeMs?: number;
}

const HOUR = 3_600_000;

/** The account's library beyond the tasks made in this run: posts and characters, seeded drafts. */
export class SimLibrary {
  readonly posts: SimPost[] = [];
  readonly characters: SimCharacter[] = [];

  constructor(private readonly ctx: SimContext) {}

  /** Finished drafts made "elsewhere", one an hour back from `newestAgeMs`, newest first in drafts. */
  addDrafts(count: number, newestAgeMs = HOUR): SimTask[] {
    const now = this.ctx.now();
    const made: SimTask[] = [];
    for (let i = count - 1; i >= 0; i--) {
      const at = now - newestAgeMs - i * HOUR;
      made.push(
        this.ctx.tasks.add({
          kind: 'video',
          external: true,
          prompt: `Library draft ${this.ctx.tasks.all(now).length + 1}: a lighthouse at dusk`,
          model: 'sy_8',
          orientation: i % 2 ? 'portrait' : 'landscape',
          size: 'small',
          nFrames: i % 3 ? 300 : 150,
          cost: 0,
          createdAt: at,
          renderMs: 0,
          draftLagMs: 0,
          outcome: 'sora_draft',
        }),
      );
    }
    return made;
  }

  /** Publishes the newest `count` seeded drafts that are not posts yet. */
  addPosts(count: number): SimPost[] {
    const drafts = this.ctx.tasks
      .drafts(this.ctx.now())
      .filter((t) => !this.posts.some((p) => p.genId === t.genId));
    const made = drafts.slice(0, count).map((t) => ({
      id: `s_${randomBytes(16).toString('hex')}`,
      genId: t.genId,
      text: `Posted: ${t.prompt}`,
      postedAt: t.draftAt + 60_000,
    }));
    this.posts.push(...made);
    this.posts.sort((a, b) => b.postedAt - a.postedAt);
    return made;
  }

  addCharacters(count: number): SimCharacter[] {
    const now = this.ctx.now();
    const made = Array.from({ length: count }, (_, i) => ({
      id: `ch_${randomBytes(12).toString('hex')}`,
      username: `simuser.char${this.characters.length + i + 1}`,
      displayName: `Character ${this.characters.length + i + 1}`,
      createdAt: now - (i + 1) * HOUR,
      mediaId: crypto.randomUUID(),
    }));
    this.characters.push(...made);
    return made;
  }

  seed(o: SeedOptions): void {
    this.addDrafts(o.drafts ?? 0, o.newestAgeMs);
    this.addPosts(o.posts ?? 0);
    this.addCharacters(o.characters ?? 0);
  }

  /** Deletes a draft (and its post): its id and its file answer 404 from now on. */
  deleteDraft(genId: string): boolean {
    const i = this.posts.findIndex((p) => p.genId === genId);
    if (i >= 0) this.posts.splice(i, 1);
    return this.ctx.tasks.remove(genId);
  }

  ownsMedia(mediaId: string): boolean {
    return this.characters.some((c) => c.mediaId === mediaId);
  }

  pictureUrl(c: SimCharacter): string {
    const ttl = this.ctx.settings().mediaUrlTtlMs;
    return signedMediaUrl(this.ctx.secret, blobName(c.mediaId, 'thumbnail'), ttl, this.ctx.now());
  }
}
