// The document's title has two authors: the tab title (the selected symbol and its price, workspace/tab-title.ts)
// and a fired alert's flag (alerts/title-flag.ts). Both write here, and the title is composed from both, so the
// price updating four times a second never wipes out an alert the trader has not seen yet.

export class PageTitle {
  private base: string;
  private flag: string | undefined;
  private flagShown = true;

  constructor(private readonly doc: { title: string }) {
    this.base = doc.title;
  }

  /** The page's own title. */
  setBase(base: string): void {
    this.base = base;
    this.write();
  }

  /** An alert's few words before the page's title (`BTC-USD ↑ 64,250.50`), or none. */
  setFlag(flag: string | undefined): void {
    this.flag = flag;
    this.flagShown = true;
    this.write();
  }

  /** Hides or shows the flag again: a title that changes catches the eye in a row of tabs. */
  blink(): void {
    this.flagShown = !this.flagShown;
    this.write();
  }

  private write(): void {
    const title = this.flag !== undefined && this.flagShown ? `🔔 ${this.flag} · ${this.base}` : this.base;
    if (this.doc.title !== title) this.doc.title = title;
  }
}

const titles = new WeakMap<object, PageTitle>();

/** The one PageTitle of a document. */
export function pageTitle(doc: { title: string }): PageTitle {
  let title = titles.get(doc);
  if (!title) titles.set(doc, (title = new PageTitle(doc)));
  return title;
}
