import type { ComponentChildren } from 'preact';
import type { BackendChoice } from '@/lib/ui/backend-choice';
import { BackendFields, type ChosenBackend, useChosenBackend } from './backend-fields';
import { useConnections } from './use-connections';

/**
 * The popup's backend picker with its models and `param-*`, loaded after the first render (the popup's
 * bundle stays small); `chosen` tells the composer what its next item is sent with.
 */
export function PopupBackend(props: {
  choice: BackendChoice;
  sora: ComponentChildren;
  chosen: { current: ChosenBackend | null };
}) {
  const views = useConnections();
  const chosen = useChosenBackend(props.choice, views);
  props.chosen.current = chosen;
  return (
    <BackendFields choice={props.choice} views={views} connection={chosen.connection} sora={props.sora} />
  );
}
