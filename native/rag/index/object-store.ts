// Where a team index on object storage gets its connection options: the URI names the bucket
// (s3://, gs://, az://); credentials come from the environment (or, later, the OS keychain), never
// from settings files. LanceDB's object store reads the standard AWS_* / GOOGLE_* / AZURE_* variables
// itself; what it cannot guess is an internal S3-compatible endpoint (MinIO, Ceph, a loopback
// stand-in), so ENCLAVE_S3_ENDPOINT names it, and plain http is allowed only for such an endpoint.
import { EngineError } from "../../contract/errors.ts";

export function isObjectStoreUri(uri: string): boolean {
  return /^(s3|gs|az):\/\//.test(uri);
}

export function objectStoreOptions(uri: string, env: Record<string, string | undefined>): Record<string, string> {
  if (!uri.startsWith("s3://")) return {};
  const endpoint = env.ENCLAVE_S3_ENDPOINT ?? env.AWS_ENDPOINT_URL;
  return {
    ...(endpoint && { endpoint, aws_virtual_hosted_style_request: "false" }),
    ...(endpoint?.startsWith("http://") && { allow_http: "true" }),
    ...(env.AWS_REGION && { region: env.AWS_REGION }),
  };
}

/** The team index ENCLAVE_RAG_URI names (the whole document index on object storage), if any. */
export function teamIndexFromEnv(env: Record<string, string | undefined>): { uri: string; storageOptions: Record<string, string> } | undefined {
  const uri = env.ENCLAVE_RAG_URI?.trim();
  if (!uri) return undefined;
  if (!isObjectStoreUri(uri)) throw new EngineError("INVALID_INPUT", `ENCLAVE_RAG_URI must be an s3://, gs:// or az:// URI, not "${uri}".`);
  return { uri: uri.replace(/\/+$/, ""), storageOptions: objectStoreOptions(uri, env) };
}
