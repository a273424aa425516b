import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view whose code loads when it is first shown: the side panel opens with only what its first view
 * needs (the batch importer's CSV parser, the storyboard editor, gallery and logs come later).
 */
export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  return function LazyView(props: P) {
    const [View, setView] = useState<FunctionComponent<P> | null>(() => loaded);
    useEffect(() => {
      if (View) return;
      void load().then((component) => {
        loaded = component;
        setView(() => component);
      });
    }, [View]);
    return View ? <View {...props} /> : <p class="muted" aria-busy="true" />;
  };
}
