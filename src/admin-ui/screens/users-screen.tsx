import { useState } from 'react';
import { useApi, useSession } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { ROLES, type Role, type User } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { DataTable, RowButton } from '../components/data-table.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
import { useRowEditor } from '../components/use-row-editor.js';
import { formatDate } from '../lib/format.js';
import { ROLE_LABELS } from '../lib/roles.js';
import { useLoad, useTitle } from '../lib/use-load.js';
import { InviteDialog, LinkDialog, shownInvitation, type ShownLink } from './user-links.js';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const PASSWORD_HINT = 'At least 10 characters. Share it with the person privately; they can keep it or ask for a new one.';

export function UsersScreen() {
  useTitle('Users');
  const api = useApi();
  const { user: me } = useSession();
  const announce = useAnnounce();
  const users = useLoad(() => api.users.list(), []);
  const [toggling, setToggling] = useState<User | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [shownLink, setShownLink] = useState<ShownLink | null>(null);
  const creator = useRowEditor<never, { name: string; email: string; role: Role; password: string }>({
    toForm: () => ({ name: '', email: '', role: 'author', password: '' }),
    async save(form) {
      await api.users.create({ ...form, email: form.email.trim(), name: form.name.trim() });
      announce(`${form.name} can now sign in`);
      users.reload();
    },
  });
  const resetter = useRowEditor<User, { password: string }>({
    toForm: () => ({ password: '' }),
    async save({ password }, user) {
      await api.users.update(user!.id, { password });
      announce(`New password set for ${user!.name}`);
    },
  });

  /** Runs a row's action; a failure shows above the table, as the row has no room for it. */
  async function forRow(failure: string, action: () => Promise<void>) {
    setRowError(null);
    try {
      await action();
    } catch (err) {
      setRowError(`${failure}: ${errorMessage(err)}`);
    }
  }

  const changeRole = (user: User, role: Role) =>
    forRow(`Could not change ${user.name}'s role`, async () => {
      await api.users.update(user.id, { role });
      announce(`${user.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
      users.reload();
    });
  const resendInvite = (user: User) =>
    forRow(`Could not make a new invitation for ${user.name}`, async () => {
      setShownLink(shownInvitation(await api.account.resendInvite(user.id)));
      users.reload();
    });
  const makeResetLink = (user: User) =>
    forRow(`Could not make a reset link for ${user.name}`, async () => {
      const link = await api.account.resetLink(user.id);
      setShownLink({ kind: 'reset', name: user.name, email: user.email, ...link, mail: 'off' });
    });

  return (
    <>
      <PageHeader title="Users" description="People who can sign in to the desk, and what their role lets them do.">
        <button type="button" className="button button-primary" onClick={() => setInviting(true)}>
          Invite user
        </button>
        <button type="button" className="button" onClick={() => creator.start(null)}>
          New user with password
        </button>
      </PageHeader>
      {rowError && <ErrorNotice>{rowError}</ErrorNotice>}
      <DataTable
        caption="Users"
        rows={users.data}
        loading={users.loading}
        error={users.error}
        rowKey={(user) => user.id}
        rowName={(user) => user.name}
        rowClassName={(user) => (user.disabled ? 'row-muted' : undefined)}
        columns={[
          {
            header: 'Name',
            rowHeader: true,
            cell: (user) => (
              <>
                {user.name}
                {user.id === me.id && <span className="tag-you"> (you)</span>}
              </>
            ),
          },
          { header: 'Email', cell: (user) => user.email },
          { header: 'Role', cell: (user) => <RoleSelect user={user} self={user.id === me.id} onChange={(role) => void changeRole(user, role)} /> },
          { header: 'Status', cell: (user) => <UserStatus user={user} /> },
          { header: 'Since', cell: (user) => formatDate(user.createdAt) },
        ]}
        actions={(user) => (
          <>
            {!user.disabled &&
              (user.invitePending ? (
                <RowButton label={`Send a new invitation to ${user.name}`} onClick={() => void resendInvite(user)}>
                  New invitation
                </RowButton>
              ) : (
                <RowButton label={`Make a reset link for ${user.name}`} onClick={() => void makeResetLink(user)}>
                  Reset link
                </RowButton>
              ))}
            <RowButton label={`Set a new password for ${user.name}`} onClick={() => resetter.start(user)}>
              Set password
            </RowButton>
            {user.id !== me.id && (
              <RowButton label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`} danger onClick={() => setToggling(user)}>
                {user.disabled ? 'Enable' : 'Disable'}
              </RowButton>
            )}
          </>
        )}
        empty="No users yet."
      />
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(invitation) => {
          announce(invitation.mail === 'sent' ? `Invitation sent to ${invitation.user.email}` : `${invitation.user.name} is invited; copy the link`);
          users.reload();
          setShownLink(shownInvitation(invitation));
        }}
      />
      <LinkDialog link={shownLink} onClose={() => setShownLink(null)} />
      <FormDialog {...creator.dialog} title="New user with password" submitLabel="Create user">
        <TextField label="Name" {...creator.field('name')} required hint="Also used as their byline." />
        <TextField label="Email" type="email" {...creator.field('email')} required autoComplete="off" />
        <SelectField label="Role" value={creator.form.role} onChange={(role) => creator.set('role', role as Role)} options={ROLE_OPTIONS} hint={<RoleHelp />} />
        <TextField label="Password" type="password" {...creator.field('password')} required minLength={10} autoComplete="new-password" hint={PASSWORD_HINT} />
      </FormDialog>
      <FormDialog {...resetter.dialog} title={`Set a new password for ${resetter.row?.name ?? ''}`} submitLabel="Set new password">
        <TextField label="New password" type="password" {...resetter.field('password')} required minLength={10} autoComplete="new-password" hint={PASSWORD_HINT} />
      </FormDialog>
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.disabled ? `Enable ${toggling.name}?` : `Disable ${toggling?.name ?? ''}?`}
        confirmLabel={toggling?.disabled ? 'Enable' : 'Disable'}
        danger={!toggling?.disabled}
        onClose={() => setToggling(null)}
        onConfirm={async () => {
          await api.users.update(toggling!.id, { disabled: !toggling!.disabled });
          announce(toggling!.disabled ? `${toggling!.name} is enabled` : `${toggling!.name} is disabled`);
          users.reload();
        }}
      >
        <p>{toggling?.disabled ? 'They will be able to sign in again.' : 'They are signed out everywhere and cannot sign in. Their stories and byline stay.'}</p>
      </ConfirmDialog>
    </>
  );
}

/** A row's role, changed in place; one's own is shown but not changeable here. */
function RoleSelect({ user, self, onChange }: { user: User; self: boolean; onChange: (role: Role) => void }) {
  return (
    <>
      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
        Role for {user.name}
      </label>
      <select id={`role-${user.id}`} value={user.role} disabled={self} onChange={(e) => onChange(e.target.value as Role)}>
        {ROLE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

function UserStatus({ user }: { user: User }) {
  if (user.disabled) return <span className="badge badge-unpublished">Disabled</span>;
  if (user.invitePending) return <span className="badge badge-submitted">Invited</span>;
  return <span className="badge badge-published">Active</span>;
}

function RoleHelp() {
  return (
    <>
      Contributors write and submit. Authors also publish their own stories. Editors handle every story and the directory. Administrators also manage users, keys and
      settings.
    </>
  );
}
