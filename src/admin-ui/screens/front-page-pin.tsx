import type { FrontPagePin, FrontPageStory } from '../api/front-page-api.js';
import { TextField } from '../components/field.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../lib/format.js';
import { fromZonedInput, toZonedInput } from '../lib/zoned-time.js';
import { Link } from '../router/link.js';

/**
 * Why a pin would not show on the home page now, by the server's rules
 * (src/content/front-page-service.ts), so the screen can say so before saving.
 */
export function pinProblem(pin: FrontPagePin, story: FrontPageStory | undefined, slot: 'lead' | 'top', now = Date.now()): string | null {
  if (!story) return 'This story was deleted; remove the pin.';
  if (story.status !== 'published') return `Not on the home page: the story is ${story.status === 'submitted' ? 'in review' : story.status}. It shows once it is published.`;
  if (pin.expiresAt && new Date(pin.expiresAt).getTime() <= now) return 'This pin has expired; remove it or set a later time.';
  if (slot === 'lead' && !story.hasPicture) return 'This story has no picture, so it cannot lead: the newest story with a picture leads, and this one heads the top stories.';
  return null;
}

/** A pinned story: its headline (linking to the editor), section, status and any problem. */
export function PinSummary({ pin, story, slot }: { pin: FrontPagePin; story: FrontPageStory | undefined; slot: 'lead' | 'top' }) {
  const problem = pinProblem(pin, story, slot);
  return (
    <div className="pin-summary">
      <p className="pin-headline">{story ? <Link href={`/admin/stories/${encodeURIComponent(story.id)}`}>{story.headline}</Link> : <span>Deleted story</span>}</p>
      {story && (
        <p className="pin-meta">
          <StatusBadge status={story.status} /> {story.section.name}
          {story.publishedAt ? ` · ${formatDateTime(story.publishedAt)}` : ''}
          {!story.hasPicture && <span className="badge badge-no-picture">No picture</span>}
        </p>
      )}
      {problem && <p className="pin-problem">{problem}</p>}
    </div>
  );
}

/** "Unpin at": a datetime-local read in the site's time zone; empty keeps the pin until removed. */
export function ExpiryField({ label, value, timeZone, onChange, hint = true }: { label: string; value: string | null; timeZone: string; onChange: (iso: string | null) => void; hint?: boolean }) {
  return (
    <TextField
      className="expiry-field"
      label={label}
      type="datetime-local"
      value={toZonedInput(value, timeZone)}
      onChange={(text) => onChange(fromZonedInput(text, timeZone))}
      hint={hint ? `Optional, ${timeZone.replace(/_/g, ' ')} time. Empty: until removed.` : undefined}
    />
  );
}
