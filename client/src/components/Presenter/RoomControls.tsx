// The presenter's side of the room, once unlocked: their view sent to followers (and a price pointed at), and
// announcements to every viewer, over the socket (presenter:view, presenter:announce).

import { MAX_ANNOUNCEMENT_LENGTH } from '@tickline/shared';
import type { FormEvent } from 'react';
import type { PresenterLink } from '../../presenter/presenter-link.ts';
import { usePresenterState } from '../../presenter/presenter-context.ts';

/** A price as the protocol takes it: a decimal string (presenter:view's `highlight`). */
const DECIMAL_PRICE = /^\d{1,15}(\.\d{1,12})?$/;

export function RoomControls({
  link,
  token,
  onStatus,
}: {
  link: PresenterLink;
  token: string;
  onStatus: (text: string, error: boolean) => void;
}) {
  const { broadcasting, highlight } = usePresenterState();

  const announce = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const message = String(new FormData(form).get('message') ?? '').trim();
    if (message === '') return;
    const ack = await link.announce(token, message).catch(() => undefined);
    if (ack?.ok) {
      form.reset();
      onStatus('Announcement sent to every viewer', false);
    } else onStatus(ack ? ack.error.message : 'the server did not answer', true);
  };

  const point = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const price = String(new FormData(event.currentTarget).get('price') ?? '').trim();
    link.setHighlight(DECIMAL_PRICE.test(price) ? price : null);
  };

  return (
    <>
      <label className="presenter__broadcast">
        <input
          type="checkbox"
          checked={broadcasting}
          data-testid="presenter-broadcast"
          onChange={(e) =>
            e.currentTarget.checked
              ? link.startBroadcast(token, (message) => onStatus(message, true))
              : link.stopBroadcasting()
          }
        />
        Viewers following me see my symbol and interval
      </label>
      {broadcasting ? (
        <form className="presenter__announce" onSubmit={point}>
          <input
            name="price"
            inputMode="decimal"
            placeholder="Point at a price"
            aria-label="Price to point at"
            defaultValue={highlight ?? ''}
            data-testid="presenter-highlight-price"
          />
          <button type="submit" data-testid="presenter-point">
            Point
          </button>
          {highlight !== null ? (
            <button type="button" onClick={() => link.setHighlight(null)}>
              Clear
            </button>
          ) : null}
        </form>
      ) : null}
      <form className="presenter__announce" onSubmit={(e) => void announce(e)}>
        <input
          name="message"
          maxLength={MAX_ANNOUNCEMENT_LENGTH}
          placeholder="Announcement to every viewer"
          aria-label="Announcement"
          data-testid="presenter-message"
        />
        <button type="submit" data-testid="presenter-announce">
          Send
        </button>
      </form>
    </>
  );
}
