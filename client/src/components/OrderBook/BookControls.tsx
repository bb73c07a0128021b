// The book's two choices: how wide a price group is, and how many levels the ladder and depth chart consider.

import type { Instrument, Ticks } from '@tickline/shared';
import { LEVEL_CHOICES, type BookLevelsChoice } from '../../market/book-preferences.ts';

interface BookControlsProps {
  instrument: Instrument;
  /** Group sizes offered, in ticks. */
  steps: readonly number[];
  group: number;
  onGroup(groupTicks: number): void;
  levels: BookLevelsChoice;
  onLevels(levels: BookLevelsChoice): void;
}

export function BookControls({ instrument, steps, group, onGroup, levels, onLevels }: BookControlsProps) {
  return (
    <div className="book__controls">
      <label className="book__control">
        <span>Group</span>
        <select data-testid="book-group" value={group} onChange={(e) => onGroup(Number(e.target.value))}>
          {steps.map((step) => (
            <option key={step} value={step}>
              {groupLabel(instrument, step)}
            </option>
          ))}
        </select>
      </label>
      <label className="book__control">
        <span>Levels</span>
        <select
          data-testid="book-levels"
          value={String(levels)}
          onChange={(e) => onLevels(LEVEL_CHOICES.find((c) => String(c) === e.target.value) ?? 'all')}
        >
          {LEVEL_CHOICES.map((choice) => (
            <option key={choice} value={String(choice)}>
              {choice === 'all' ? 'All' : choice}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A group size as a price without trailing zeros: `0.01`, `0.5`, `10`. */
export function groupLabel(instrument: Instrument, groupTicks: number): string {
  const price = instrument.formatPrice(groupTicks as Ticks);
  return price.includes('.') ? price.replace(/\.?0+$/, '') : price;
}
