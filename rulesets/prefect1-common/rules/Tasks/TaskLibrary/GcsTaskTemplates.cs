namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.gcp.storage</c>: v1 used <c>google.cloud.storage</c> with service-account info passed as
/// <c>credentials</c> (else ambient credentials); the functions make the same calls. A blob name left out is
/// <c>prefect-&lt;task run id&gt;</c> as in v1. Without <c>credentials</c>, v1 read the <c>GCP_CREDENTIALS</c> secret:
/// the functions load the Secret block <c>gcp-credentials</c> (the block-name rule), else use ambient credentials.
/// </summary>
public static class GcsTaskTemplates
{
    private static readonly string[] Storage = ["google-cloud-storage"];

    private const string Client = """
            from google.cloud import storage
            from google.cloud.exceptions import NotFound
            from google.oauth2.service_account import Credentials
            from prefect.runtime import task_run

            if credentials is None:
                # v1 fell back to the GCP_CREDENTIALS secret: the Secret block of that name (reference §11)
                import json

                import prefect.blocks.system

                try:
                    credentials = prefect.blocks.system.Secret.load("gcp-credentials").get()
                except ValueError:
                    credentials = None
                if isinstance(credentials, str):
                    credentials = json.loads(credentials)
            if credentials is not None:
                credentials = Credentials.from_service_account_info(credentials)
                client = storage.Client(project=project or credentials.project_id, credentials=credentials)
            else:
                client = storage.Client(project=project)

        """;

    private const string Bucket = """
            try:
                target_bucket = client.get_bucket(bucket)
            except NotFound:
                if not create_bucket:
                    raise
                target_bucket = client.create_bucket(bucket)

        """;

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.gcp", "GCSDownload", ["bucket", "blob", "project", "chunk_size", "request_timeout"],
            ["bucket=None", "blob=None", "project=None", "chunk_size=None", "credentials=None", "encryption_key=None", "request_timeout=60"],
            "    \"\"\"Prefect 1 GCSDownload: returns the blob's content as bytes.\"\"\"\n" + Client.Replace("    from google.cloud.exceptions import NotFound\n", string.Empty) + "\n" + """
                source = client.get_bucket(bucket).blob(blob or f"prefect-{task_run.id}", encryption_key=encryption_key, chunk_size=chunk_size)
                return source.download_as_bytes(timeout=request_timeout)
            """, Storage),
        new("prefect.tasks.gcp", "GCSUpload", ["bucket", "blob", "project", "chunk_size", "create_bucket", "request_timeout"],
            ["data", "bucket=None", "blob=None", "project=None", "chunk_size=104857600", "credentials=None", "encryption_key=None", "create_bucket=False",
             "content_type=None", "content_encoding=None", "request_timeout=60"],
            "    \"\"\"Prefect 1 GCSUpload: uploads data (str, bytes or BytesIO) and returns the blob name.\"\"\"\n    import io\n\n" + Client + "\n" + Bucket + "\n" + """
                target = target_bucket.blob(blob or f"prefect-{task_run.id}", encryption_key=encryption_key, chunk_size=chunk_size)
                if content_type:
                    target.content_type = content_type
                if content_encoding:
                    target.content_encoding = content_encoding
                if isinstance(data, str):
                    target.upload_from_string(data, timeout=request_timeout)
                elif isinstance(data, bytes):
                    target.upload_from_file(io.BytesIO(data), timeout=request_timeout)
                elif isinstance(data, io.BytesIO):
                    target.upload_from_file(data, timeout=request_timeout)
                else:
                    raise TypeError(f"data must be str, bytes or BytesIO: got {type(data)} instead")
                return target.name
            """, Storage),
        new("prefect.tasks.gcp", "GCSCopy", ["source_bucket", "source_blob", "dest_bucket", "dest_blob", "project", "create_bucket", "request_timeout"],
            ["source_bucket=None", "source_blob=None", "dest_bucket=None", "dest_blob=None", "project=None", "credentials=None", "create_bucket=False", "request_timeout=60"],
            """"
                """Prefect 1 GCSCopy: copies source_bucket/source_blob to dest_bucket/dest_blob and returns dest_blob."""
                if None in [source_bucket, source_blob, dest_bucket, dest_blob]:
                    raise ValueError("Missing source or destination")
                if (source_bucket, source_blob) == (dest_bucket, dest_blob):
                    raise ValueError("Source and destination are identical.")

            """" + "\n" + Client.Replace("    from prefect.runtime import task_run\n", string.Empty) + "\n" + Bucket.Replace("(bucket)", "(dest_bucket)") + "\n" + """
                source = client.get_bucket(source_bucket)
                source.copy_blob(blob=source.blob(source_blob), destination_bucket=target_bucket, new_name=dest_blob, timeout=request_timeout)
                return dest_blob
            """, Storage),
    ];
}
