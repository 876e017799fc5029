using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

public sealed class ImportCheckerEnvironmentTests
{
    [Fact]
    public async Task Should_Scrub_Credentials_And_Endpoints_From_The_Childs_Environment()
    {
        var secrets = new Dictionary<string, string>
        {
            ["PREFECT_API_KEY"] = "pnu_secret",
            ["PREFECT_API_URL"] = "https://api.prefect.cloud",
            ["FLYTE_PLATFORM_URL"] = "flyte.example.com",
            ["UNION_API_KEY"] = "u",
            ["AWS_SECRET_ACCESS_KEY"] = "a",
            ["GOOGLE_APPLICATION_CREDENTIALS"] = "/k.json",
            ["AZURE_CLIENT_SECRET"] = "z",
            ["GITHUB_TOKEN"] = "ghp",
            ["ACME_HARMLESS"] = "kept",
        };
        using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = Workers.Python3, Environment = secrets });
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("probe.py", """
            import os
            leaked = sorted(k for k in os.environ if k != "ACME_HARMLESS" and k in (
                "PREFECT_API_KEY", "PREFECT_API_URL", "FLYTE_PLATFORM_URL", "UNION_API_KEY", "AWS_SECRET_ACCESS_KEY",
                "GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CLIENT_SECRET", "GITHUB_TOKEN"))
            if leaked:
                raise RuntimeError("leaked: %s" % leaked)
            print(os.environ["ACME_HARMLESS"])
            """);

        var result = await new ImportChecker(worker, workspace.Options("prefect3")).CheckAsync([module]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        Assert.Equal("kept\n", result.Stdout);
    }
}
