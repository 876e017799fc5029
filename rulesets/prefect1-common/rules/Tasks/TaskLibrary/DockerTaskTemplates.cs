namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.docker</c> container tasks: v1 drove docker's low-level <c>APIClient</c>; the functions do
/// the same calls with the same arguments (reference §16 lists <c>prefect_docker</c>, whose tasks take a
/// <c>DockerHost</c> block instead of <c>docker_server_url</c> and return container objects instead of ids).
/// </summary>
public static class DockerTaskTemplates
{
    private const string Socket = "docker_server_url=\"unix:///var/run/docker.sock\"";
    private static readonly string[] Docker = ["docker"];

    private const string RequireId =
        "    if not container_id:\n        raise ValueError(\"A container id must be provided.\")\n    import docker\n\n";

    // StartContainer, StopContainer, RemoveContainer, GetContainerLogs: one APIClient call on a required container id.
    private static TaskLibraryTemplate ContainerIdCall(string name, string summary, string call) =>
        new("prefect.tasks.docker", name, ["container_id", "docker_server_url", "extra_docker_kwargs"],
            ["container_id=None", Socket, "extra_docker_kwargs=None"],
            $"    \"\"\"Prefect 1 {name}: {summary}\"\"\"\n" + RequireId
            + "    client = docker.APIClient(base_url=docker_server_url, version=\"auto\")\n"
            + $"    {call}", Docker);

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.docker", "CreateContainer",
            ["image_name", "container_name", "command", "detach", "entrypoint", "environment", "volumes", "docker_server_url", "host_config", "extra_docker_kwargs"],
            ["image_name=None", "container_name=None", "command=None", "detach=False", "entrypoint=None", "environment=None", "volumes=None", Socket, "host_config=None", "extra_docker_kwargs=None"],
            """"
                """Prefect 1 CreateContainer: creates a container with docker's APIClient and returns its id."""
                if not image_name:
                    raise ValueError("An image name must be provided.")
                import docker

                client = docker.APIClient(base_url=docker_server_url, version="auto")
                container = client.create_container(
                    image=image_name,
                    name=container_name,
                    command=command,
                    detach=detach,
                    entrypoint=entrypoint,
                    environment=environment,
                    volumes=volumes,
                    host_config=None if host_config is None else client.create_host_config(**host_config),
                    **(extra_docker_kwargs or {}),
                )
                return container.get("Id")
            """", Docker),
        ContainerIdCall("StartContainer", "starts the container with docker's APIClient.", "client.start(container=container_id, **(extra_docker_kwargs or {}))"),
        ContainerIdCall("StopContainer", "stops the container with docker's APIClient.", "client.stop(container=container_id, **(extra_docker_kwargs or {}))"),
        ContainerIdCall("RemoveContainer", "removes the container with docker's APIClient.", "client.remove_container(container=container_id, **(extra_docker_kwargs or {}))"),
        ContainerIdCall("GetContainerLogs", "returns the container's logs (decoded) from docker's APIClient.", "return client.logs(container=container_id, **(extra_docker_kwargs or {})).decode()"),
        new("prefect.tasks.docker", "ListContainers", ["all_containers", "filters", "docker_server_url", "extra_docker_kwargs"],
            ["all_containers=False", "filters=None", Socket, "extra_docker_kwargs=None"],
            """"
                """Prefect 1 ListContainers: returns docker's APIClient.containers(...) list."""
                import docker

                client = docker.APIClient(base_url=docker_server_url, version="auto")
                return client.containers(all=all_containers, filters=filters, **(extra_docker_kwargs or {}))
            """", Docker),
        new("prefect.tasks.docker", "WaitOnContainer", ["container_id", "docker_server_url", "raise_on_exit_code", "extra_docker_kwargs"],
            ["container_id=None", Socket, "raise_on_exit_code=True", "extra_docker_kwargs=None"],
            "    \"\"\"Prefect 1 WaitOnContainer: waits for the container and returns docker's wait result; fails on a non-zero exit code.\"\"\"\n" + RequireId + """
                client = docker.APIClient(base_url=docker_server_url, version="auto")
                result = client.wait(container=container_id, **(extra_docker_kwargs or {}))
                if raise_on_exit_code and (result.get("Error") is not None or result.get("StatusCode")):
                    logger = get_run_logger()
                    try:
                        logger.error(client.logs(container_id).decode())
                    except Exception as exc:
                        logger.exception(exc)
                    raise RuntimeError(f"{container_id} failed with exit code {result.get('StatusCode')}: {result.get('Error')}")
                return result
            """, Docker, UsesLogger: true),
    ];
}
