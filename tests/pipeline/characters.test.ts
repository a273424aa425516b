import { describe, expect, it } from 'vitest';
import { enqueue } from '@/lib/background/enqueue';
import { createTicker } from '@/lib/pipeline/tick';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { createPipelineHarness } from '../helpers/pipeline';

const MP4 = `data:video/mp4;base64,${btoa('fake video bytes')}`;
const video = { source: 'data' as const, url: MP4, mime: 'video/mp4', approxBytes: 16 };

describe('character finalize (docs/backend-facts.md §4.9 step 5)', () => {
  it('a worker death between finalize and the save: looked up afterwards, never finalized twice', async () => {
    const h = createPipelineHarness({}, 3_000);
    await enqueue(
      h.db,
      { items: [{ text: 'Dance', model: 'sora2-landscape-10s', characterVideo: video }] },
      { now: h.clock.now, styles: { live: null } },
    );
    // The first worker finalizes, then dies before the character row is written.
    let crashed = false;
    const dying = createTicker({
      db: h.db,
      backend: h.boundary,
      downloads: h.downloads.port,
      settings: async () => DEFAULT_SETTINGS,
      now: () => h.clock.now,
      random: () => 0.25,
      publishAccount: async () => undefined,
      hasHostAccess: async () => true,
      fetchThumbnail: async () => {
        crashed = true;
        throw new Error('the worker stopped');
      },
    });
    for (let i = 0; i < 20 && !crashed; i++) {
      h.clock.now += 1_000;
      await dying.tick().catch(() => undefined);
    }
    expect(h.calls.filter((c) => c.startsWith('finalize:'))).toHaveLength(1);
    expect(await h.db.characters.count()).toBe(0);
    const [character] = await h.db.jobs.orderBy('seq').toArray();
    expect(character!.finalizeIntent).toMatchObject({ cameoId: character!.taskId, username: 'kitty250' });
    // A new worker (another random name generator) picks the job up.
    await h.run(40_000);
    expect(h.calls.filter((c) => c.startsWith('finalize:'))).toEqual(['finalize:kitty250']);
    expect(await h.statuses()).toEqual(['completed', 'completed']);
    const [saved] = await h.db.characters.toArray();
    expect(saved).toMatchObject({ username: 'kitty250', cameoId: character!.taskId, jobId: character!.id });
    expect(h.creates[0]!.prompt).toBe('@kitty250 Dance'); // the video uses the name Sora has
  });

  it('a death before finalize reached Sora: finalized once, with the name chosen before', async () => {
    const h = createPipelineHarness({}, 3_000);
    await enqueue(
      h.db,
      { items: [{ text: '', model: 'sora2-landscape-10s', characterVideo: video }] },
      { now: h.clock.now, styles: { live: null } },
    );
    const finalize = h.backend.finalizeCharacter;
    let refused = 0;
    h.backend.finalizeCharacter = async (input) => {
      if (refused++ === 0) throw new Error('the worker stopped before the request left');
      return finalize(input);
    };
    for (let i = 0; i < 20; i++) {
      h.clock.now += 1_000;
      await h.ticker.tick().catch(() => undefined); // the engine logs a failed tick and goes on
    }
    expect(await h.statuses()).toEqual(['completed']);
    expect(refused).toBe(2);
    const [saved] = await h.db.characters.toArray();
    expect(h.calls.filter((c) => c.startsWith('finalize:'))).toEqual([`finalize:${saved!.username}`]);
  });
});
