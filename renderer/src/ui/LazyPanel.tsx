// Panels the first paint does not need (Settings, today's history) come as their own chunks, fetched as
// soon as the sidebar has main's state; meanwhile a plain placeholder. It is marked busy but is no live
// region: on file:// or loopback it shows for milliseconds, and announcing that would only be noise.
import { lazy, Suspense, type ComponentType } from 'react';
import { FormattedMessage } from 'react-intl';

export function lazyPanel(load: () => Promise<ComponentType>): ComponentType {
  const Panel = lazy(async () => ({ default: await load() }));
  return function LazyPanel() {
    return (
      <Suspense
        fallback={
          <section className="panel" aria-busy="true">
            <p className="muted">
              <FormattedMessage
                id="app.panelLoading"
                defaultMessage="Loading…"
                description="Briefly in place of a panel while it loads"
              />
            </p>
          </section>
        }
      >
        <Panel />
      </Suspense>
    );
  };
}
