import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { Invitation, MailOutcome } from '../api/account-api.js';
import { ROLES, type Role } from '../api/types.js';
import { CopyButton } from '../components/copy-button.js';
import { Dialog } from '../components/dialog.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice } from '../components/notice.js';
import { formatDateTime } from '../lib/format.js';
import { ROLE_LABELS } from '../lib/roles.js';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A link to show the admin once: an invitation (maybe mailed) or a reset link (never mailed). */
export interface ShownLink {
  kind: 'invite' | 'reset';
  name: string;
  email: string;
  url: string;
  expiresAt: string;
  mail: MailOutcome;
}

export function shownInvitation(invitation: Invitation): ShownLink {
  return { kind: 'invite', name: invitation.user.name, email: invitation.user.email, url: invitation.url, expiresAt: invitation.expiresAt, mail: invitation.mail };
}

/** "Invite user": name, e-mail and role; nobody types a password for someone else. */
export function InviteDialog({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: (invitation: Invitation) => void }) {
  const api = useApi();
  const [form, setForm] = useState({ name: '', email: '', role: 'author' as Role });
  return (
    <FormDialog
      open={open}
      title="Invite user"
      submitLabel="Send invitation"
      onClose={() => {
        setForm({ name: '', email: '', role: 'author' });
        onClose();
      }}
      onSubmit={async () => {
        onInvited(await api.account.invite({ name: form.name.trim(), email: form.email.trim(), role: form.role }));
        setForm({ name: '', email: '', role: 'author' });
      }}
    >
      <TextField label="Name" value={form.name} onChange={(name) => setForm((f) => ({ ...f, name }))} required hint="Also used as their byline." />
      <TextField label="Email" type="email" value={form.email} onChange={(email) => setForm((f) => ({ ...f, email }))} required autoComplete="off" />
      <SelectField label="Role" value={form.role} onChange={(role) => setForm((f) => ({ ...f, role: role as Role }))} options={ROLE_OPTIONS} />
      <p className="field-hint">They get a link to choose their own password; it works once, for 7 days.</p>
    </FormDialog>
  );
}

function LinkExplanation({ link }: { link: ShownLink }) {
  const until = formatDateTime(link.expiresAt);
  if (link.kind === 'reset') {
    return (
      <p>
        Send this link to {link.name} ({link.email}) yourself. It lets them choose a new password once, until {until}, and ends their other sessions. A newer link replaces it.
      </p>
    );
  }
  if (link.mail === 'sent') {
    return (
      <p>
        We sent the invitation to <strong>{link.email}</strong>. If it does not arrive, send them this link yourself. It works once, until {until}.
      </p>
    );
  }
  if (link.mail === 'failed') {
    return (
      <ErrorNotice>
        The invitation could not be sent to {link.email}. Send them this link yourself: it works once, until {until}.
      </ErrorNotice>
    );
  }
  return (
    <p>
      This newsroom does not send e-mail. Copy the link and send it to {link.name} ({link.email}) yourself. It works once, until {until}.
    </p>
  );
}

/** Shows a one-time link with a copy button; the server does not show it again. */
export function LinkDialog({ link, onClose }: { link: ShownLink | null; onClose: () => void }) {
  const title = link?.kind === 'reset' ? `Reset link for ${link.name}` : link?.mail === 'sent' ? `Invitation sent to ${link.name}` : `Invitation link for ${link?.name ?? ''}`;
  return (
    <Dialog
      open={link !== null}
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {link && <LinkExplanation link={link} />}
      <div className="key-reveal">
        <label htmlFor="one-time-link">One-time link</label>
        <input id="one-time-link" className="mono" readOnly value={link?.url ?? ''} onFocus={(e) => e.target.select()} data-autofocus />
        <CopyButton text={link?.url ?? ''} label="Copy link" />
      </div>
    </Dialog>
  );
}
