import { t } from '@/lib/ui/i18n';

interface Props {
  /** Seconds of all shots. */
  total: number;
  /** The model's length in seconds (null: the model has none, e.g. an image model). */
  limit: number | null;
  onAddShot: () => void;
}

/** "Add shot" and the running total against the model's length, red once it is over. */
export function StoryboardTotal(props: Props) {
  const { total, limit } = props;
  return (
    <div class="row between">
      <button data-testid="storyboard-add-shot" type="button" onClick={props.onAddShot}>
        {t('addShot')}
      </button>
      <span data-testid="storyboard-total" class={limit !== null && total > limit ? 'error' : 'muted'}>
        {limit === null
          ? t('storyboardTotalNoLimit', String(total))
          : t('storyboardTotal', String(total), String(limit))}
      </span>
    </div>
  );
}
