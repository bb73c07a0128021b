// The tab title tells of a fired alert until the person looks: prefixed, and flashing while the tab is hidden.

const FLASH_MS = 1000;

export class TitleFlag {
  /** The title before the first raise; undefined while lowered. */
  private base: string | undefined;
  private flagged = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
  ) {
    this.doc.addEventListener('visibilitychange', this.onVisibility);
    this.win.addEventListener('focus', this.lower);
  }

  /** Shows `text` (`BTC-USD ↑ 64,250.50`) before the page's title; the newest raise wins. */
  raise(text: string): void {
    this.base ??= this.doc.title;
    this.flagged = `🔔 ${text} · ${this.base}`;
    this.doc.title = this.flagged;
    // A title that changes catches the eye in a row of tabs; a visible page has the toast for that.
    if (this.doc.hidden && this.timer === undefined) {
      this.timer = setInterval(() => {
        if (this.base === undefined) return;
        this.doc.title = this.doc.title === this.flagged ? this.base : this.flagged;
      }, FLASH_MS);
    }
  }

  /** Gives the page its title back (the person has seen the alert). */
  readonly lower = (): void => {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.base === undefined) return;
    this.doc.title = this.base;
    this.base = undefined;
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
