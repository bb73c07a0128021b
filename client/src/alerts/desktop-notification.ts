// The browser's Notification API, used only when it exists and the person allowed it.

const api = (): typeof Notification | undefined => globalThis.Notification as typeof Notification | undefined;

/**
 * Asks for permission once, if nobody has answered yet. Call it from the click that creates an alert: browsers only
 * show the prompt for a user gesture, and asking on load is the kind of prompt people learn to deny.
 */
export function askNotificationPermission(): void {
  const Api = api();
  if (Api?.permission !== 'default') return;
  void Api.requestPermission().catch(() => undefined);
}

/** Shows a notification if allowed; a denied or missing API is fine (the in-page toast still tells). */
export function showNotification(title: string, body: string, tag: string): void {
  const Api = api();
  if (Api?.permission !== 'granted') return;
  try {
    const notification = new Api(title, { body, tag });
    notification.onclick = () => {
      globalThis.focus?.();
      notification.close();
    };
  } catch {
    // Some browsers (Android Chrome) only allow notifications from a service worker.
  }
}
