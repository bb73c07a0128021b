import { CANDLE_INTERVALS } from '@tickline/shared';
import { describe, expect, it, vi } from 'vitest';
import { bindShortcuts, isTypingTarget, type KeyPress, shortcutAction, SHORTCUTS } from './shortcuts.ts';

const press = (key: string, fields: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  target: document.body,
  ...fields,
});

describe('keyboard shortcuts', () => {
  it('maps each key of the table to its action', () => {
    expect(shortcutAction(press('?'))).toEqual({ type: 'help' });
    expect(shortcutAction(press('/'))).toEqual({ type: 'search' });
    expect([press('ArrowUp'), press('k')].map(shortcutAction)).toEqual([
      { type: 'symbol', step: -1 },
      { type: 'symbol', step: -1 },
    ]);
    expect([press('ArrowDown'), press('j')].map(shortcutAction)).toEqual([
      { type: 'symbol', step: 1 },
      { type: 'symbol', step: 1 },
    ]);
    expect(['1', '4', '9'].map((k) => shortcutAction(press(k)))).toEqual([
      { type: 'interval', interval: '1s' },
      { type: 'interval', interval: '1m' },
      { type: 'interval', interval: '1d' },
    ]);
    expect(shortcutAction(press('b'))).toEqual({ type: 'ticket', side: 'buy' });
    expect(shortcutAction(press('s'))).toEqual({ type: 'ticket', side: 'sell' });
    expect(shortcutAction(press('Escape'))).toEqual({ type: 'close' });
    expect(shortcutAction(press('x'))).toBeUndefined();
  });

  it('offers one number key per chart interval, 1s to 1d', () => {
    const intervals = SHORTCUTS.flatMap((s) => (s.action.type === 'interval' ? [s.action.interval] : []));
    expect(intervals).toEqual([...CANDLE_INTERVALS]);
  });

  it('leaves modified keys to the browser and handled keys to their control', () => {
    expect(shortcutAction(press('k', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutAction(press('1', { metaKey: true }))).toBeUndefined();
    expect(shortcutAction(press('j', { altKey: true }))).toBeUndefined();
    expect(shortcutAction(press('ArrowDown', { defaultPrevented: true }))).toBeUndefined();
  });

  it('treats keys typed into a field as typing, except Esc', () => {
    document.body.innerHTML =
      '<input id="i"><textarea id="t"></textarea><div contenteditable="true"><b id="c">x</b></div>';
    for (const id of ['i', 't', 'c']) {
      const target = document.getElementById(id);
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutAction(press('j', { target }))).toBeUndefined();
      expect(shortcutAction(press('/', { target }))).toBeUndefined();
      expect(shortcutAction(press('b', { target }))).toBeUndefined();
      expect(shortcutAction(press('s', { target }))).toBeUndefined();
    }
    expect(shortcutAction(press('Escape', { target: document.getElementById('i') }))).toEqual({ type: 'close' });
    expect(isTypingTarget(document.body)).toBe(false);
    document.body.innerHTML = '';
  });

  it('prevents the default of a key only when its action did something', () => {
    const run = vi.fn((action: { type: string }) => action.type !== 'close');
    const unbind = bindShortcuts(window, run);
    const question = new KeyboardEvent('keydown', { key: '?', cancelable: true });
    const escape = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    window.dispatchEvent(question);
    window.dispatchEvent(escape);
    expect([question.defaultPrevented, escape.defaultPrevented]).toEqual([true, false]);
    unbind();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }));
    expect(run).toHaveBeenCalledTimes(2);
  });
});
