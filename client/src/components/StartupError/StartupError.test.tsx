import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StartupError } from './StartupError.tsx';

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
});
