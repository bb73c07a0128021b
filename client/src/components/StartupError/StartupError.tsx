// What the page shows when the dashboard cannot start: what went wrong and a way to try again.

import { LogoMark } from '../LogoMark/LogoMark.tsx';
import './StartupError.css';

const DEFAULT_HINT = 'Check that the Tickline server is running, then try again.';

/** `hint`: how to fix it, when it is not the server being down (a refused viewer token, say). */
export function StartupError({ message, hint = DEFAULT_HINT }: { message: string; hint?: string }) {
  return (
    <div className="startup-error" role="alert" data-testid="startup-error">
      <LogoMark size={40} />
      <h1>Tickline could not start</h1>
      <p>{message}</p>
      <p className="startup-error__hint">{hint}</p>
      <button type="button" onClick={() => window.location.reload()}>
        Retry
      </button>
    </div>
  );
}
