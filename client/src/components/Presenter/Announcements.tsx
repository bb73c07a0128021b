// The presenter's announcements as toasts at the top of the page, each until dismissed or for ANNOUNCEMENT_MS.

import { useEffect } from 'react';
import { usePresenterLink, usePresenterState } from '../../presenter/presenter-context.ts';
import type { HeardAnnouncement } from '../../presenter/presenter-link.ts';

const ANNOUNCEMENT_MS = 15_000;

export function Announcements() {
  const { announcements } = usePresenterState();
  if (announcements.length === 0) return null;
  return (
    <div className="announcements" role="status" aria-live="polite" data-testid="announcements">
      {announcements.map((a) => (
        <AnnouncementToast key={a.id} announcement={a} />
      ))}
    </div>
  );
}

function AnnouncementToast({ announcement }: { announcement: HeardAnnouncement }) {
  const link = usePresenterLink();
  useEffect(() => {
    const timer = setTimeout(() => link?.dismiss(announcement.id), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [link, announcement.id]);
  return (
    <div className="announcement" data-testid="announcement">
      <span className="announcement__label">Presenter</span>
      <span className="announcement__message">{announcement.message}</span>
      <button
        type="button"
        className="announcement__close"
        aria-label="Dismiss the announcement"
        onClick={() => link?.dismiss(announcement.id)}
      >
        ✕
      </button>
    </div>
  );
}

/** Shown once the room has a presenter (a view was heard) or when following: join or leave follow mode. */
export function FollowToggle() {
  const link = usePresenterLink();
  const { following, view, broadcasting } = usePresenterState();
  if (!link || broadcasting || (!following && view === undefined)) return null;
  return (
    <button
      type="button"
      className="header-button"
      data-testid="follow-toggle"
      aria-pressed={following}
      title={following ? 'Stop following the presenter' : 'Show what the presenter shows'}
      onClick={() => link.setFollowing(!following)}
    >
      <span aria-hidden="true">{following ? '◉' : '○'}</span>
      <span className="header-button__label">{following ? 'Following presenter' : 'Follow presenter'}</span>
    </button>
  );
}
