import type { SimContext } from './context';
import { blobName, signedMediaUrl } from './media-url';
import type { SimTask } from './types';

/** docs/backend-facts.md §5.1 creation_config as seen in pending/drafts. */
function creationConfig(t: SimTask) {
  return {
    remix_target_post: null,
    style: null,
    inpaint_image: null,
    reference_inpaint_items: null,
    prompt: t.prompt,
    task_id: null,
    cameo_profiles: [],
    orientation: t.orientation,
    n_frames: t.nFrames,
    storyboard_id: null,
    editing_config: null,
  };
}

/** docs/backend-facts.md §5.1 pending/v2 item. */
export function pendingItem(t: SimTask) {
  return {
    id: t.id,
    task_type: 'video_gen',
    status: t.status,
    failure_reason: null,
    prompt: t.prompt,
    title: null,
    progress_pct: t.progressPct,
    generations: [],
    creation_config: creationConfig(t),
  };
}

/** Output resolution; GO's mapping is unverified (docs/backend-facts.md §4.2), these are observed real sizes. */
function dimensions(t: SimTask): { width: number; height: number } {
  const long = t.size === 'large' ? 1920 : 640;
  const short = t.size === 'large' ? 1080 : 352;
  if (t.orientation === 'square') return { width: short, height: short };
  return t.orientation === 'portrait' ? { width: short, height: long } : { width: long, height: short };
}

/** docs/backend-facts.md §5.3 draft item; media URLs are signed afresh on every read (docs/backend-facts.md §6.3). */
export function draftItem(t: SimTask, ctx: SimContext) {
  const now = ctx.now();
  const ttl = ctx.settings().mediaUrlTtlMs;
  const sign = (v: 'source' | 'md' | 'thumbnail') =>
    signedMediaUrl(ctx.secret, blobName(t.mediaId, v), ttl, now);
  const ok = t.outcome === 'sora_draft';
  const source = ok ? sign('source') : null;
  const md = ok ? sign('md') : null;
  const thumb = ok ? sign('thumbnail') : null;
  const duration = t.nFrames / 30; // docs/backend-facts.md §4.2: 30 fps
  return {
    id: t.genId,
    task_id: t.id,
    kind: t.outcome,
    url: md,
    downloadable_url: source,
    download_urls: { watermark: source, no_watermark: null, endcard_watermark: null },
    ...dimensions(t),
    duration_s: duration,
    generation_type: 'video_gen',
    created_at: t.draftAt / 1000,
    prompt: t.prompt,
    title: null,
    encodings: ok
      ? {
          source: { path: source, size: ctx.settings().mediaBytes, duration_secs: duration },
          thumbnail: { path: thumb },
          md: { path: md },
        }
      : {},
    creation_config: creationConfig(t),
    can_remix: true,
    can_extend: ok,
    can_storyboard: ok,
    storyboard_id: null,
    draft_reviewed: false,
    is_read: false,
    reason_str: ok ? null : 'This content may violate our content policies.',
    markdown_reason_str: ok
      ? null
      : 'This content may violate our [content policies](https://openai.com/policies).',
    error_reason: null,
  };
}
