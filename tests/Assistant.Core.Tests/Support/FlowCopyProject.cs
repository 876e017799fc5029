namespace Assistant.Core.Tests.Support;

/// <summary>
/// A Prefect 1 flow copy whose parameter defaults sit in a constants enum of a package that imports no framework
/// (prefeitura-rio/pipelines' layout): what <c>convert</c> and the wizard must both see to convert the copy.
/// </summary>
internal static class FlowCopyProject
{
    /// <summary>The project's files by repo-relative path.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pipelines/__init__.py"] = string.Empty,
        ["pipelines/constants/__init__.py"] = "from pipelines.constants.values import constants\n",
        ["pipelines/constants/values.py"] = Values,
        ["pipelines/flows.py"] = """
            from copy import deepcopy

            from prefect import Flow, Parameter, task
            from prefect.storage import GCS

            from pipelines.constants import constants


            def set_default_parameters(flow, default_parameters):
                for parameter in flow.parameters():
                    parameter.default = default_parameters[parameter.name]
                return flow


            @task
            def dump(table_id):
                print(table_id)


            with Flow("dump") as dump_flow:
                dump(Parameter("table_id"))

            radar_flow = deepcopy(dump_flow)
            radar_flow.name = "radar"
            radar_flow.storage = GCS("flows")
            radar_flow = set_default_parameters(radar_flow, constants.DEFAULTS.value)

            """,
    };

    /// <summary>The constants module, which neither run converts.</summary>
    public const string Values = "from enum import Enum\n\n\nclass constants(Enum):\n    TABLE = \"radar\"\n    DEFAULTS = {\"table_id\": TABLE}\n";

    /// <summary>What the copy converts to, and its deployment's parameters (in <c>deployments/radar.prefect.yaml</c>).</summary>
    public const string ConvertedCopy = "radar_flow = dump_flow.with_options(name=\"radar\")";

    public const string DeploymentParameters = "  parameters: {\"table_id\": \"radar\"}\n";
}
