// The book panel's group (remembered per symbol) and level count (remembered once), as React state.

import { useCallback, useState } from 'react';
import { loadGroup, loadLevels, saveGroup, saveLevels, type BookLevelsChoice } from '../../market/book-preferences.ts';

export interface BookPreferences {
  /** The group last chosen for this symbol, in ticks (the panel may offer only smaller ones at this price). */
  group: number;
  setGroup(groupTicks: number): void;
  levels: BookLevelsChoice;
  setLevels(levels: BookLevelsChoice): void;
}

export function useBookPreferences(symbol: string): BookPreferences {
  const [chosen, setChosen] = useState(() => ({ symbol, group: loadGroup(symbol) }));
  const [levels, setLevelsState] = useState(loadLevels);
  // Another symbol: its own remembered group, adopted during render so no frame shows the old symbol's group.
  if (chosen.symbol !== symbol) setChosen({ symbol, group: loadGroup(symbol) });

  const setGroup = useCallback(
    (group: number) => {
      saveGroup(symbol, group);
      setChosen({ symbol, group });
    },
    [symbol],
  );
  const setLevels = useCallback((next: BookLevelsChoice) => {
    saveLevels(next);
    setLevelsState(next);
  }, []);
  return {
    group: chosen.symbol === symbol ? chosen.group : loadGroup(symbol),
    setGroup,
    levels,
    setLevels,
  };
}
