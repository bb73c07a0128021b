// What every sequencing role (the single process, a cluster's feed node) builds first: the sequencer, and the paper
// trading desk beside it, whose shadow venue sees every feed event after the caller's own tap (a recorder).

import type { FlushSink } from '../hub/flush-loop.ts';
import { createSequencer, type Sequencer, type SequencerOptions } from '../hub/sequencer.ts';
import { createDeskOnFeeds, type DeskOnFeeds, type PaperSettings, paperSettings } from '../paper/desk-on-feeds.ts';
import type { PaperNotifier } from '../paper/paper-desk.ts';

export function createSequencerWithDesk(
  options: SequencerOptions & { paper?: Partial<PaperSettings> | undefined },
  notify: PaperNotifier,
  publish: FlushSink,
): { sequencer: Sequencer; paper: DeskOnFeeds } {
  const paper = createDeskOnFeeds({
    feeds: options.feeds,
    hub: () => sequencer.hub,
    notify,
    clock: options.clock,
    settings: paperSettings(options.paper),
  });
  const tap = options.tap;
  const sequencer = createSequencer(
    {
      ...options,
      tap: tap
        ? (event) => {
            tap(event);
            paper.observe(event);
          }
        : paper.observe,
    },
    publish,
  );
  return { sequencer, paper };
}
