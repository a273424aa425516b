import { useState } from 'preact/hooks';
import type { MediaRef } from '@/lib/prompt/request';
import { t } from '@/lib/ui/i18n';
import { FileInput } from './file-input';

interface Props {
  images: MediaRef[];
  onImages: (files: File[]) => void;
  onClearImages: () => void;
  video: { name: string } | null;
  onVideo: (file: File | null) => void;
}

/** Image drop zone / file input (image-to-video, image-to-image) and a video input (characters). */
export function MediaInput(props: Props) {
  const [over, setOver] = useState(false);
  return (
    <div class="media">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input beside it is the keyboard path */}
      <div
        class={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = [...(e.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (files.length > 0) props.onImages(files);
        }}
      >
        {props.images.length > 0 ? (
          <span class="chips">
            {props.images.map((image, i) => (
              <img key={i} class="chip-thumb" src={image.url} alt={t('imageAttached')} />
            ))}
            <button type="button" class="link" onClick={props.onClearImages}>
              {t('remove')}
            </button>
          </span>
        ) : (
          <span class="muted">{t('dropImage')}</span>
        )}
        <FileInput
          testId="image-input"
          label={t('imageLabel')}
          accept="image/png,image/jpeg,image/webp"
          onFiles={props.onImages}
        />
      </div>
      <FileInput
        testId="video-input"
        label={props.video ? `${t('videoLabel')}: ${props.video.name}` : t('videoLabel')}
        accept="video/mp4,video/quicktime,video/webm"
        reset={false}
        onFiles={(files) => props.onVideo(files[0] ?? null)}
      />
    </div>
  );
}
