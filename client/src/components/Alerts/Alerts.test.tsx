import { BUY, type Ticks } from '@tickline/shared';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertCenter } from '../../alerts/alert-center.ts';
import { requestAlert } from '../../alerts/alert-requests.ts';
import type { KeyValueStorage } from '../../alerts/alert-storage.ts';
import { BTC, EURUSD, snapshot, testMarket, ticker, trade, update } from '../../test-support/fixtures.ts';
import { renderWithStore } from '../../test-support/render.tsx';
import { AlertsButton } from './AlertsButton.tsx';
import { AlertToasts } from './AlertToasts.tsx';
import { AlertCenterContext } from './useAlertCenter.ts';

function memory(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const requestPermission = vi.fn(() => Promise.resolve('granted' as NotificationPermission));
const shown: { title: string; body?: string }[] = [];
let permission: NotificationPermission = 'default';

beforeEach(() => {
  shown.length = 0;
  requestPermission.mockClear();
  permission = 'default';
  requestPermission.mockImplementation(() => {
    permission = 'granted';
    return Promise.resolve(permission);
  });
  // The browser's Notification, recorded: its permission starts unanswered.
  const FakeNotification = function (this: object, title: string, options?: NotificationOptions) {
    shown.push({ title, body: options?.body });
  } as unknown as typeof Notification;
  Object.defineProperty(FakeNotification, 'permission', { get: () => permission });
  Object.assign(FakeNotification, { requestPermission });
  vi.stubGlobal('Notification', FakeNotification);
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.title = '';
});

function setup() {
  const { store, frames } = testMarket();
  store.setStatus('live');
  store.applySnapshot(snapshot(BTC.symbol, { seq: 10, ticker: ticker(6_425_050) }));
  store.applySnapshot(snapshot(EURUSD.symbol, { seq: 10, ticker: ticker(108_000) }));
  const center = new AlertCenter(store, { storage: memory() });
  renderWithStore(
    <AlertCenterContext value={center}>
      <AlertsButton />
      <AlertToasts />
    </AlertCenterContext>,
    store,
  );
  let seq = 10;
  const trades = (...prices: number[]) =>
    act(() => {
      seq++;
      store.applyUpdate(update(BTC.symbol, seq, { trades: prices.map((p, i) => trade(seq * 10 + i, p, 1, BUY)) }));
      frames.flush();
    });
  return { store, center, trades };
}

const openDialog = () => {
  fireEvent.click(screen.getByTestId('alerts-button'));
  return screen.getByRole('dialog', { name: 'Price alerts' });
};

describe('the alerts dialog', () => {
  it('opens from the bell on the selected symbol, its last price in the price field, focused', () => {
    setup();
    const dialog = openDialog();
    expect(within(dialog).getByTestId<HTMLSelectElement>('alert-symbol').value).toBe('BTC-USD');
    const price = within(dialog).getByTestId<HTMLInputElement>('alert-price');
    expect(price.value).toBe('64250.50');
    expect(document.activeElement).toBe(price);
    expect(screen.getByTestId('alerts-button').getAttribute('aria-expanded')).toBe('true');
  });

  it('says what is wrong with a price, marks the field and keeps the alert uncreated', () => {
    const { center } = setup();
    const dialog = openDialog();
    const price = within(dialog).getByTestId('alert-price');
    fireEvent.change(price, { target: { value: '64250.505' } });
    fireEvent.click(within(dialog).getByTestId('alert-submit'));
    expect(within(dialog).getByRole('alert').textContent).toContain(
      'BTC-USD prices move in steps of 0.01: try 64250.50 or 64250.51.',
    );
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(price);
    expect(center.getAlerts()).toEqual([]);
    // The message follows the fix.
    fireEvent.change(price, { target: { value: '64250.51' } });
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('creates an alert, asks for notification permission then and only the first time, and counts it', async () => {
    const { center } = setup();
    const dialog = openDialog();
    expect(requestPermission).not.toHaveBeenCalled(); // never on load or on opening
    fireEvent.change(within(dialog).getByTestId('alert-price'), { target: { value: '64,300' } });
    fireEvent.click(within(dialog).getByTestId('alert-submit'));
    await act(() => Promise.resolve());
    expect(center.getAlerts().map((a) => a.condition)).toEqual([{ kind: 'above', level: 6_430_000 }]);
    expect(within(dialog).getByTestId('alert-item').textContent).toContain('BTC-USD crosses above 64,300.00');
    expect(screen.getByTestId('alerts-count').textContent).toBe('1 active');
    // A fresh form, focused, for the next one.
    expect(document.activeElement).toBe(within(dialog).getByTestId('alert-price'));

    fireEvent.change(within(dialog).getByTestId('alert-kind'), { target: { value: 'move' } });
    fireEvent.change(within(dialog).getByTestId('alert-percent'), { target: { value: '2.5' } });
    fireEvent.click(within(dialog).getByTestId('alert-submit'));
    expect(within(dialog).getAllByTestId('alert-item')[0]?.textContent).toContain('BTC-USD moves ↕ 2.5% within 5m');
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('warns, without refusing, when a cross’s level is already behind the price', () => {
    setup();
    const dialog = openDialog();
    fireEvent.change(within(dialog).getByTestId('alert-price'), { target: { value: '64000' } });
    expect(within(dialog).getByText(/already at or above this level/).textContent).toBe(
      'The price (64,250.50) is already at or above this level: the alert fires once it falls below it and rises back.',
    );
    fireEvent.change(within(dialog).getByTestId('alert-kind'), { target: { value: 'below' } });
    expect(within(dialog).queryByText(/already/)).toBeNull();
  });

  it('edits and removes alerts from the list', () => {
    const { center } = setup();
    center.create(BTC.symbol, { kind: 'below', level: 6_400_000 as Ticks });
    const dialog = openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: /^Edit/ }));
    const price = within(dialog).getByTestId<HTMLInputElement>('alert-price');
    expect(price.value).toBe('64000.00');
    fireEvent.change(price, { target: { value: '63000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save alert' }));
    expect(center.getAlerts()[0]?.condition).toEqual({ kind: 'below', level: 6_300_000 });
    fireEvent.click(within(dialog).getByRole('button', { name: /^Remove/ }));
    expect(center.getAlerts()).toEqual([]);
    expect(within(dialog).getByText('No alerts yet.')).toBeTruthy();
  });

  it('opens prefilled when another panel asks (a watchlist bell, the chart)', () => {
    setup();
    act(() => requestAlert({ symbol: EURUSD.symbol, priceTicks: 108_123 }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId<HTMLSelectElement>('alert-symbol').value).toBe('EUR/USD');
    expect(within(dialog).getByTestId<HTMLInputElement>('alert-price').value).toBe('1.08123');
  });

  it('keeps focus inside while open; Esc closes it and gives focus back to the bell', () => {
    setup();
    const bell = screen.getByTestId('alerts-button');
    bell.focus();
    const dialog = openDialog();
    const close = within(dialog).getByRole('button', { name: 'Close alerts' });
    const buttons = within(dialog).getAllByRole('button');
    const last = buttons[buttons.length - 1] as HTMLElement;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('checkbox', { name: 'Sound' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    expect(close).toBeTruthy();
    // Wherever focus is (a button that went away leaves it on the body).
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(bell);
  });

  it('remembers the sound toggle', () => {
    const { center } = setup();
    const dialog = openDialog();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Sound' }));
    expect(center.getSound()).toBe(true);
  });
});

describe('a fired alert', () => {
  it('shows one toast, one notification and a flagged title; Esc dismisses and the title comes back', () => {
    const { center, trades } = setup();
    permission = 'granted';
    document.title = 'Tickline';
    center.create(BTC.symbol, { kind: 'above', level: 6_425_100 as Ticks });
    trades(6_425_000, 6_425_100, 6_425_000, 6_425_200);
    const toasts = screen.getAllByTestId('alert-toast');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]?.textContent).toContain('BTC-USD ↑ 64,251.00');
    expect(toasts[0]?.textContent).toContain('BTC-USD crosses above 64,251.00');
    expect(screen.getByRole('status').contains(toasts[0] as Node)).toBe(true);
    expect(shown).toEqual([{ title: '🔔 BTC-USD ↑ 64,251.00', body: 'BTC-USD crosses above 64,251.00' }]);
    expect(document.title).toBe('🔔 BTC-USD ↑ 64,251.00 · Tickline');
    expect(screen.getByTestId('alerts-count').textContent).toBe('0 active');

    // With the dialog open, Esc closes the dialog only; the next one the toasts.
    openDialog();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getAllByTestId('alert-toast')).toHaveLength(1);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('alert-toast')).toBeNull();
    expect(document.title).toBe('Tickline');
  });

  it('a toast can be dismissed by its button', () => {
    const { center, trades } = setup();
    center.create(BTC.symbol, { kind: 'below', level: 6_425_000 as Ticks });
    trades(6_424_000);
    fireEvent.click(screen.getByRole('button', { name: /^Dismiss alert/ }));
    expect(screen.queryByTestId('alert-toast')).toBeNull();
  });
});
