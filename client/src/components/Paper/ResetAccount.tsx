// Starting the account again: a button, then a second step that says what a reset does before it is done.

import { useState } from 'react';
import { ackErrorText, type ErrorText } from '../../paper/ack-errors.ts';
import type { PaperRequests } from '../../paper/paper-link.ts';
import { formatMoneyAmount } from '../format.ts';

export function ResetAccount({
  startingCash,
  currency,
  requests,
}: {
  startingCash: string;
  currency: string;
  requests: PaperRequests;
}) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'sending'>('idle');
  const [refusal, setRefusal] = useState<ErrorText | null>(null);

  const reset = async () => {
    setStep('sending');
    const ack = await requests.reset();
    setStep('idle');
    setRefusal(ack.ok ? null : ackErrorText(ack));
  };

  return (
    <div className="paper-reset">
      {step === 'idle' ? (
        <button
          type="button"
          className="paper-button"
          data-testid="account-reset"
          onClick={() => {
            setRefusal(null);
            setStep('confirm');
          }}
        >
          Reset account
        </button>
      ) : (
        <div className="paper-reset__confirm" role="group" aria-label="Confirm the reset">
          <p className="paper-reset__question">
            Start again with {formatMoneyAmount(startingCash)} {currency}? Open orders are cancelled and every position
            and fill is cleared.
          </p>
          <button
            type="button"
            className="paper-button paper-button--danger"
            disabled={step === 'sending'}
            data-testid="account-reset-confirm"
            onClick={() => void reset()}
          >
            {step === 'sending' ? 'Resetting…' : 'Reset'}
          </button>
          <button
            type="button"
            className="paper-button"
            disabled={step === 'sending'}
            data-testid="account-reset-keep"
            onClick={() => setStep('idle')}
          >
            Keep account
          </button>
        </div>
      )}
      {refusal ? (
        <p className="paper-error" role="alert" data-testid="account-reset-error">
          <strong>Reset refused: {refusal.summary}.</strong>
          {refusal.detail ? ` ${refusal.detail}` : null}
        </p>
      ) : null}
    </div>
  );
}
