import type { Caller } from './call';
import { CreateResponseSchema } from './schemas';

/** One entry of `inpaint_items` (docs/backend-facts.md §4.4): an upload, a file, a generation or a reference. */
export type InpaintItem =
  | { kind: 'upload'; upload_id: string }
  | { kind: 'file'; file_id: string }
  | { kind: 'generation'; generation_id: string }
  | { kind: 'reference'; reference_id: string };

/** The video create body (docs/backend-facts.md §4.1); fields the web app sends as null are sent as null. */
export interface VideoCreateBody {
  kind: 'video';
  prompt: string;
  title?: string | null;
  orientation: 'landscape' | 'portrait' | 'square';
  size: 'small' | 'large';
  n_frames: number;
  model: 'sy_8' | 'sy_ore';
  style_id: string | null;
  remix_target_id: string | null;
  inpaint_items: InpaintItem[];
  cameo_ids: string[] | null;
  /** SHC/GO send `{}` on remix (docs/backend-facts.md §4.6); the web app sends null. */
  cameo_replacements?: Record<string, string> | null;
  storyboard_id: string | null;
}

/** The image create body (docs/backend-facts.md §4.5). */
export interface ImageCreateBody {
  type: 'image_gen';
  operation: 'simple_compose' | 'remix';
  prompt: string;
  width: number;
  height: number;
  n_variants: number;
  n_frames: 1;
  inpaint_items: { type: 'image'; frame_index: number; upload_media_id: string }[];
}

/** docs/backend-facts.md §4.13: `id`, or `task_id`, possibly inside a list (the schema unwraps both). */
const taskIdOf = (created: { id?: string | undefined; task_id?: string | undefined }): string =>
  (created.id ?? created.task_id) as string;

/** Create endpoints; every one is sentinel-protected (docs/backend-facts.md §3.1). */
export function createCreateEndpoints(call: Caller) {
  return {
    /** `POST /backend/nf/create` (docs/backend-facts.md §4.1, §4.3, §4.4, §4.6) → task id. */
    async createVideo(body: VideoCreateBody): Promise<string> {
      return taskIdOf(await call.write('create', '/nf/create', body, CreateResponseSchema));
    },
    /** `POST /backend/nf/create/storyboard` (docs/backend-facts.md §4.7): same body, `title: "Draft your video"`. */
    async createStoryboard(body: VideoCreateBody): Promise<string> {
      const storyboard = { ...body, title: body.title ?? 'Draft your video' };
      return taskIdOf(
        await call.write('storyboard', '/nf/create/storyboard', storyboard, CreateResponseSchema),
      );
    },
    /** `POST /backend/video_gen` (docs/backend-facts.md §4.5) → image task id, polled via recent_tasks. */
    async createImage(body: ImageCreateBody): Promise<string> {
      return taskIdOf(await call.write('image', '/video_gen', body, CreateResponseSchema));
    },
  };
}
