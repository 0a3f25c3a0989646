import { useState } from 'react';
import { useApi, useSession } from '../api/api-context.js';
import { errorMessage } from '../api/http.js';
import { ROLES, type Role, type User } from '../api/types.js';
import { useAnnounce } from '../components/announcer.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { SelectField, TextField } from '../components/field.js';
import { FormDialog } from '../components/form-dialog.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { PageHeader } from '../components/page-header.js';
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
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'author' as Role, password: '' });
  const [newPassword, setNewPassword] = useState('');
  const [inviting, setInviting] = useState(false);
  const [shownLink, setShownLink] = useState<ShownLink | null>(null);

  async function changeRole(user: User, role: Role) {
    setRowError(null);
    try {
      await api.users.update(user.id, { role });
      announce(`${user.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
      users.reload();
    } catch (err) {
      setRowError(`Could not change ${user.name}'s role: ${errorMessage(err)}`);
    }
  }

  async function resendInvite(user: User) {
    setRowError(null);
    try {
      setShownLink(shownInvitation(await api.account.resendInvite(user.id)));
      users.reload();
    } catch (err) {
      setRowError(`Could not make a new invitation for ${user.name}: ${errorMessage(err)}`);
    }
  }

  async function makeResetLink(user: User) {
    setRowError(null);
    try {
      const link = await api.account.resetLink(user.id);
      setShownLink({ kind: 'reset', name: user.name, email: user.email, ...link, mail: 'off' });
    } catch (err) {
      setRowError(`Could not make a reset link for ${user.name}: ${errorMessage(err)}`);
    }
  }

  return (
    <>
      <PageHeader title="Users" description="People who can sign in to the desk, and what their role lets them do.">
        <button type="button" className="button button-primary" onClick={() => setInviting(true)}>
          Invite user
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setForm({ name: '', email: '', role: 'author', password: '' });
            setCreating(true);
          }}
        >
          New user with password
        </button>
      </PageHeader>
      {rowError && <ErrorNotice>{rowError}</ErrorNotice>}
      {users.error != null && <ErrorNotice>{errorMessage(users.error)}</ErrorNotice>}
      {users.loading && !users.data && <Loading />}
      {users.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => {
                const self = user.id === me.id;
                return (
                  <tr key={user.id} className={user.disabled ? 'row-muted' : undefined}>
                    <td>
                      {user.name}
                      {self && <span className="tag-you"> (you)</span>}
                    </td>
                    <td>{user.email}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        Role for {user.name}
                      </label>
                      <select id={`role-${user.id}`} value={user.role} disabled={self} onChange={(e) => void changeRole(user, e.target.value as Role)}>
                        {ROLE_OPTIONS.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {user.disabled ? (
                        <span className="badge badge-unpublished">Disabled</span>
                      ) : user.invitePending ? (
                        <span className="badge badge-submitted">Invited</span>
                      ) : (
                        <span className="badge badge-published">Active</span>
                      )}
                    </td>
                    <td>{formatDate(user.createdAt)}</td>
                    <td className="cell-actions">
                      {!user.disabled &&
                        (user.invitePending ? (
                          <button type="button" className="button button-small" onClick={() => void resendInvite(user)} aria-label={`Send a new invitation to ${user.name}`}>
                            New invitation
                          </button>
                        ) : (
                          <button type="button" className="button button-small" onClick={() => void makeResetLink(user)} aria-label={`Make a reset link for ${user.name}`}>
                            Reset link
                          </button>
                        ))}
                      <button type="button" className="button button-small" onClick={() => {
                          setNewPassword('');
                          setResetting(user);
                        }} aria-label={`Set a new password for ${user.name}`}>
                        Set password
                      </button>
                      {!self && (
                        <button type="button" className="button button-small button-danger-quiet" onClick={() => setToggling(user)} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}>
                          {user.disabled ? 'Enable' : 'Disable'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
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
      <FormDialog
        open={creating}
        title="New user with password"
        submitLabel="Create user"
        onClose={() => setCreating(false)}
        onSubmit={async () => {
          await api.users.create({ ...form, email: form.email.trim(), name: form.name.trim() });
          announce(`${form.name} can now sign in`);
          users.reload();
        }}
      >
        <TextField label="Name" value={form.name} onChange={(name) => setForm((f) => ({ ...f, name }))} required hint="Also used as their byline." />
        <TextField label="Email" type="email" value={form.email} onChange={(email) => setForm((f) => ({ ...f, email }))} required autoComplete="off" />
        <SelectField label="Role" value={form.role} onChange={(role) => setForm((f) => ({ ...f, role: role as Role }))} options={ROLE_OPTIONS} hint={<RoleHelp />} />
        <TextField label="Password" type="password" value={form.password} onChange={(password) => setForm((f) => ({ ...f, password }))} required minLength={10} autoComplete="new-password" hint={PASSWORD_HINT} />
      </FormDialog>
      <FormDialog
        open={resetting !== null}
        title={`Set a new password for ${resetting?.name ?? ''}`}
        submitLabel="Set new password"
        onClose={() => setResetting(null)}
        onSubmit={async () => {
          await api.users.update(resetting!.id, { password: newPassword });
          announce(`New password set for ${resetting!.name}`);
        }}
      >
        <TextField label="New password" type="password" value={newPassword} onChange={setNewPassword} required minLength={10} autoComplete="new-password" hint={PASSWORD_HINT} />
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

function RoleHelp() {
  return (
    <>
      Contributors write and submit. Authors also publish their own stories. Editors handle every story and the directory. Administrators also manage users, keys and
      settings.
    </>
  );
}
