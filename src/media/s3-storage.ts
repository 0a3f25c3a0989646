import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { MediaStorageUnavailable } from './errors.js';
import { checkKey, contentTypeOf, type MediaStorage, type StoredFile } from './media-storage.js';

/** `MEDIA_STORAGE=s3://bucket/prefix`, parsed. */
export interface S3Location {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
}

/** Where the client connects, from the environment (see docs/deploy.md, Media on S3). */
export interface S3Connection {
  /** AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL: MinIO, Ceph, R2, a local test server; none for AWS itself. */
  endpoint?: string;
  region: string;
  /** Keys from the environment given to loadConfig; without them, the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Time for one request to S3 before it counts as failed (and is retried by the SDK). */
  requestTimeoutMs?: number;
}

/** Media files are immutable (their names carry the media id and a claim or time): readers and CDNs may keep them a year. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

type Sdk = typeof import('@aws-sdk/client-s3');
let sdkLoading: Promise<Sdk> | undefined;
let sdkLoaded: Sdk | undefined;
/**
 * The AWS SDK, loaded when a bucket is first used: the configuration parses MEDIA_STORAGE with this
 * module, and loading the SDK with it cost every start (each worker, each CLI command) about 0.3 s,
 * on sites whose media are on disk too.
 */
function sdk(): Promise<Sdk> {
  return (sdkLoading ??= import('@aws-sdk/client-s3').then((loaded) => (sdkLoaded = loaded)));
}
/** An error S3 answered with (only S3 answers can be one, so the SDK is loaded by then). */
const serviceError = (err: unknown): err is InstanceType<Sdk['S3ServiceException']> => !!sdkLoaded && err instanceof sdkLoaded.S3ServiceException;

/**
 * Media in an S3-compatible bucket through the AWS SDK v3. Credentials come from the SDK's own
 * chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, an instance role). With an endpoint
 * the client uses path-style addresses, which every S3-compatible server understands. Checksums
 * are sent only where S3 requires them: several compatible servers reject the newer trailers.
 */
export function createS3MediaStorage(location: S3Location, connection: S3Connection, client?: S3Client): MediaStorage {
  let opened: Promise<{ s3: S3Client; sdk: Sdk }> | undefined;
  /** The client and the SDK's commands; a failure to load the SDK is the store's failure (unavailable, below). */
  const open = () => (opened ??= sdk().then((loaded) => ({ sdk: loaded, s3: client ?? newClient(loaded) })));
  const newClient = ({ S3Client }: Sdk) =>
    new S3Client({
      region: connection.region,
      // A copy: the SDK marks the object it is given, and the config is frozen.
      ...(connection.credentials ? { credentials: { ...connection.credentials } } : {}),
      ...(connection.endpoint ? { endpoint: connection.endpoint, forcePathStyle: true } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { requestTimeout: connection.requestTimeoutMs ?? 10_000, connectionTimeout: 3_000, throwOnRequestTimeout: true },
    });
  const { bucket, prefix } = location;
  const objectKey = (key: string) => prefix + checkKey(key);

  /** Any failure of the store itself (5xx, timeout, refused connection) is MEDIA_STORAGE_UNAVAILABLE; the cause is kept for the log. */
  function unavailable(err: unknown): Error {
    // A network failure's code says what happened (ECONNREFUSED, ETIMEDOUT); its name is only "Error".
    const { code, message, name } = (err ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
    const reason = serviceError(err) ? `${err.name} ${err.$metadata.httpStatusCode ?? ''}`.trim() : [code, message, name].find((part): part is string => typeof part === 'string' && part !== '') ?? 'error';
    return Object.assign(new MediaStorageUnavailable(`s3://${bucket}: ${reason}`), { cause: err });
  }
  const notFound = (err: unknown) => serviceError(err) && (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');

  return {
    location: `s3://${bucket}/${prefix}`,
    localRoot: null,
    async put(key, bytes) {
      const Key = objectKey(key);
      try {
        const { s3, sdk: { PutObjectCommand } } = await open();
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: bytes, ContentLength: bytes.length, ContentType: contentTypeOf(key), CacheControl: MEDIA_CACHE_CONTROL }));
      } catch (err) {
        throw unavailable(err);
      }
    },
    async get(key) {
      const file = await this.stream(key);
      if (!file) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of file.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async stream(key) {
      const Key = objectKey(key);
      try {
        const { s3, sdk: { GetObjectCommand } } = await open();
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        return { body: answer.Body as Readable, size: answer.ContentLength ?? 0, modifiedAt: answer.LastModified?.getTime() ?? 0 };
      } catch (err) {
        if (notFound(err)) return null;
        throw unavailable(err);
      }
    },
    async remove(key) {
      const Key = objectKey(key);
      try {
        const { s3, sdk: { DeleteObjectCommand } } = await open();
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      } catch (err) {
        if (!notFound(err)) throw unavailable(err);
      }
    },
    async exists(key) {
      const Key = objectKey(key);
      try {
        const { s3, sdk: { HeadObjectCommand } } = await open();
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
        return true;
      } catch (err) {
        if (notFound(err)) return false;
        throw unavailable(err);
      }
    },
    async *list(sub = ''): AsyncGenerator<StoredFile> {
      let token: string | undefined;
      do {
        let page;
        try {
          const { s3, sdk: { ListObjectsV2Command } } = await open();
          page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix + sub, ContinuationToken: token }));
        } catch (err) {
          throw unavailable(err);
        }
        for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key.slice(prefix.length), modifiedAt: item.LastModified?.getTime() ?? 0 };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}

/** Parses `s3://bucket/prefix`; null for anything else. Bucket names follow S3's rules (3–63 of a-z 0-9 . -). */
export function parseS3Location(value: string): S3Location | null {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(value);
  if (!match) return null;
  const path = (match[2] ?? '').replace(/\/+$/, '');
  if (path && !/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/.test(path)) return null;
  if (path && path.split('/').some((part) => part === '' || part === '..' || part === '.')) return null;
  return { bucket: match[1]!, prefix: path ? `${path}/` : '' };
}
