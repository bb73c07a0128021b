import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StartupError } from './StartupError.tsx';
import { loadSymbolSpecs } from '../../market/symbol-specs.ts';
import { BTC } from '../../test-support/fixtures.ts';

describe('StartupError', () => {
  it('shows what went wrong and, by default, to check the server', () => {
    render(<StartupError message="The Tickline server is unreachable." />);
    expect(screen.getByRole('alert').textContent).toContain('The Tickline server is unreachable.');
    expect(screen.queryByText(/Check that the Tickline server is running/)).not.toBeNull();
  });

  it('shows the hint it is given instead, for a refused viewer token', () => {
    render(
      <StartupError
        message="This Tickline server needs a viewer token, and this page has none."
        hint="Open the dashboard with ?token=..."
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('needs a viewer token');
    expect(screen.queryByText('Open the dashboard with ?token=...')).not.toBeNull();
    expect(screen.queryByText(/Check that the Tickline server is running/)).toBeNull();
  });

  it('shows what is wrong with a symbol list the schema refuses, field and all', async () => {
    const malformed: typeof fetch = async () => new Response(JSON.stringify([BTC, { ...BTC, name: 3 }]));
    const error: unknown = await loadSymbolSpecs('/api/symbols', malformed).catch((e: unknown) => e);
    render(<StartupError message={(error as Error).message} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'The Tickline server sent a symbol list this page cannot use (symbols[1].name: not a string).',
    );
  });
});
