// Lets a part of the page stop following the store while no one can see it (a watchlist row scrolled out of view).

import { createContext } from 'react';

/**
 * Views below a `true` stop re-rendering on store changes and keep what they last drew; when it turns `false` they
 * read the store again at once. Any other render below (a prop or state change) also reads the current values.
 */
export const StoreUpdatesPaused = createContext(false);
