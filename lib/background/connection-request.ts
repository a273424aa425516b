import { refusalFor } from '../backends/capabilities';
import { taskApiDeclaration } from '../backends/task-api/capabilities';
import { videosApiDeclaration } from '../backends/videos-api/capabilities';
import type { Connection } from '../connections/schema';
import { isPromptError } from '../prompt/errors';
import { extractVideoRemix } from '../prompt/remix';
import type { VideoRequest } from '../prompt/request';
import type { RpcParams } from '../rpc/contract';

type Item = RpcParams<'enqueue'>['items'][number];

/** A request for a connection, or the reason it cannot be sent there (shown at the item, nothing queued). */
export type ConnectionRequest =
  | { ok: true; request: VideoRequest }
  | { ok: false; code: string; message: string };

/** The Sora prompt language's own syntax, which no API connection takes. */
const SORA_ONLY: readonly [RegExp, string][] = [
  [
    /\[\s*\d+(\.\d+)?\s*s\s*\]/i,
    'Storyboard shots ([5s]) run on the Sora session only; this connection takes a plain prompt.',
  ],
  [/^\s*\{[^}]+\}/, 'Styles ({style}) run on the Sora session only; this connection takes a plain prompt.'],
];

/** `1280x720` → landscape, standard; sizes above 1280 px are the high-quality ones (OAI-PY `video_size.py`). */
function fromSize(size: string | undefined): Pick<VideoRequest['params'], 'aspect' | 'quality'> | null {
  const m = /^(\d+)x(\d+)$/.exec(size ?? '');
  if (!m) return null;
  const [w, h] = [Number(m[1]), Number(m[2])];
  return { aspect: w >= h ? 'landscape' : 'portrait', quality: Math.max(w, h) > 1280 ? 'high' : 'standard' };
}

function paramDefault(decl: ReturnType<typeof videosApiDeclaration>, name: string): string | undefined {
  return decl.params.find((p) => p.name === name)?.default;
}

/**
 * An enqueue item for a Videos API or task API connection: the prompt as typed, the model as the
 * connection takes it, the connection's parameters in neutral terms, checked against what the
 * connection declares (docs/architecture.md "The Backend interface") before anything is sent.
 */
export function connectionRequest(item: Item, connection: Connection): ConnectionRequest {
  let remix: ReturnType<typeof extractVideoRemix>;
  try {
    remix = extractVideoRemix(item.text);
  } catch (error) {
    if (isPromptError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  const prompt = remix.text.trim();
  const remixTargetId = remix.remixTargetId;
  if (!prompt)
    return {
      ok: false,
      code: 'empty_prompt',
      message: remixTargetId ? 'Say how to change the remixed video.' : 'Describe the video.',
    };
  for (const [pattern, message] of SORA_ONLY)
    if (pattern.test(prompt)) return { ok: false, code: 'unsupported', message };
  if (item.characterVideo)
    return { ok: false, code: 'unsupported', message: 'Characters run on the Sora session only.' };
  const images = item.images ?? [];
  const shapes = images.map((m) => ({ kind: m.source === 'url' ? ('url' as const) : ('file' as const) }));
  if (remixTargetId && images.length > 0)
    return {
      ok: false,
      code: 'conflicting_modes',
      message: 'A remix takes no image: remove the image or the video id.',
    };
  const mode = remixTargetId ? 'remix' : images.length > 0 ? 'image_to_video' : 'text_to_video';
  const params = item.params ?? {};
  const videos = connection.kind === 'videos-api';
  const decl = videos ? videosApiDeclaration(connection) : taskApiDeclaration(connection);
  // The task API takes no model: whatever the picker sent, its jobs say so.
  const model = videos ? item.model.trim() || 'sora-2' : 'task-api';
  let neutral: VideoRequest['params'];
  const backendParams: Record<string, string> = {};
  if (videos) {
    const size = fromSize(params.size ?? paramDefault(decl, 'size')) ?? {
      aspect: 'portrait',
      quality: 'standard',
    };
    const seconds = Number(params.seconds ?? paramDefault(decl, 'seconds') ?? '4');
    neutral = { ...size, durationS: seconds };
  } else {
    neutral = {
      aspect: params.aspectRatio === 'portrait' ? 'portrait' : 'landscape',
      quality: params.quality === 'hd' ? 'high' : 'standard',
      durationS: 10,
    };
    if (params.watermark?.trim()) backendParams.watermark = params.watermark.trim();
  }
  const refusal = refusalFor(decl, {
    mode,
    model,
    durationS: videos ? neutral.durationS : null,
    aspect: neutral.aspect,
    quality: neutral.quality,
    images: shapes,
    backendParams,
  });
  if (refusal) return { ok: false, code: 'unsupported', message: refusal };
  return {
    ok: true,
    request: {
      kind: 'video',
      model,
      prompt,
      params: neutral,
      styleId: null,
      remixTargetId,
      storyboard: null,
      images: [...images],
      characterVideo: null,
      ...(Object.keys(backendParams).length > 0 ? { backendParams } : {}),
    },
  };
}
