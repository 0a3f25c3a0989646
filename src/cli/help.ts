import { configVariables } from '../config/index.js';

export function helpText(): string {
  const vars = configVariables.map((v) => `  ${v.name.padEnd(22)} ${v.expects}${v.default ? ` (default: ${v.default})` : ''}`).join('\n');
  return `Usage: dateline <command> [options]

Commands:
  serve                          Start the news site (migrates the database, adds demo content when empty)
  migrate                        Apply pending database migrations and exit
  user add --email E --name N --role R
                                 Create a user; the password is read from standard input.
                                 Roles: contributor, author, editor, admin
  user invite --email E --name N --role R
                                 Create a user without a password and print a one-time link
                                 (7 days) to choose one; mailed too when SMTP_URL is set
  user reset-password --email E  Set a new password (from standard input); ends the user's sessions
  ingest FILE... [--publish] [--json]
                                 Import IPTC ninjs (1.x, 2.x or 3.x) text and composite items; a file
                                 may hold an array of items. Drafts unless --publish; withheld and
                                 cancelled items take their story down. --json prints one JSON
                                 object per item (id, status, url, killed)
  backup FILE                    Write the database (SQLite online backup, or pg_dump) and every media
                                 file to FILE, a tar; safe while the site is serving
  restore FILE [--force]         Restore a backup into an empty data folder and database; --force
                                 replaces a site that is there (it is moved aside, not deleted)
  media migrate --to s3://B/P     Copy the media library (DATA_DIR/media, or MEDIA_STORAGE's bucket) into
                                 an S3 bucket; checks each copy, skips what is there, leaves the source
  help                           Show this text

Configuration (environment variables, or a dateline.config.json file):
${vars}
`;
}
