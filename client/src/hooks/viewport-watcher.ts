// Which of many elements are on screen in one scroll container: one IntersectionObserver shared by all of them.

/**
 * Rows register before the container exists (React attaches a child's ref before its parent's), so the observer
 * is made when the root arrives and observes everything registered so far. Where the browser has no
 * IntersectionObserver (jsdom), nothing is ever reported and every element counts as on screen.
 */
export class ViewportWatcher {
  private observer: IntersectionObserver | undefined;
  private readonly listeners = new Map<Element, (onScreen: boolean) => void>();

  /** `margin`: how far outside the root's box still counts as on screen (CSS margin syntax, px or %). */
  constructor(private readonly margin: string) {}

  setRoot(root: Element | null): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) this.listeners.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: this.margin },
    );
    for (const element of this.listeners.keys()) this.observer.observe(element);
  }

  /** Calls `listener` each time `element` comes on screen or leaves it; returns the unwatch. */
  watch(element: Element, listener: (onScreen: boolean) => void): () => void {
    this.listeners.set(element, listener);
    this.observer?.observe(element);
    return () => {
      this.listeners.delete(element);
      this.observer?.unobserve(element);
    };
  }
}
