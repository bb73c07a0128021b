// The tab title tells of a fired alert until the person looks: prefixed, and flashing while the tab is hidden.

import { pageTitle } from '../workspace/page-title.ts';

const FLASH_MS = 1000;

export class TitleFlag {
  private raised = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
  ) {
    this.doc.addEventListener('visibilitychange', this.onVisibility);
    this.win.addEventListener('focus', this.lower);
  }

  /** Shows `text` (`BTC-USD ↑ 64,250.50`) before the page's title (which goes on updating); the newest raise wins. */
  raise(text: string): void {
    this.raised = true;
    pageTitle(this.doc).setFlag(text);
    // A title that changes catches the eye in a row of tabs; a visible page has the toast for that.
    if (this.doc.hidden && this.timer === undefined) {
      this.timer = setInterval(() => pageTitle(this.doc).blink(), FLASH_MS);
    }
  }

  /** Gives the page its title back (the person has seen the alert). */
  readonly lower = (): void => {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.raised) return;
    this.raised = false;
    pageTitle(this.doc).setFlag(undefined);
  };

  dispose(): void {
    this.lower();
    this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.win.removeEventListener('focus', this.lower);
  }

  private readonly onVisibility = (): void => {
    if (!this.doc.hidden) this.lower();
  };
}
