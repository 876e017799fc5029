namespace Assistant.Core.Tests.Support;

/// <summary>A git repo with three Flyte 1 flows: <c>etl</c> and <c>report</c> share <c>flows/tasks.py</c>; <c>etl_lp</c> launches <c>etl</c>.</summary>
public static class FlyteTestRepo
{
    public const string Etl = "flows/etl.py::etl";
    public const string Report = "flows/report.py::report";
    public const string LaunchPlan = "flows/etl.py::etl_lp";

    public static TempGitRepo Create()
    {
        var repo = TempGitRepo.Create();
        repo.WriteFile("flows/__init__.py", "");
        repo.WriteFile("helpers/__init__.py", "");
        repo.WriteFile("helpers/util.py", "def scale(x):\n    return x * 2\n");
        repo.WriteFile("flows/tasks.py", "from flytekit import task\nfrom helpers.util import scale\n\n\n@task\ndef double(x: int) -> int:\n    return scale(x)\n");
        repo.WriteFile("flows/etl.py", "from flytekit import workflow, LaunchPlan\nfrom flows.tasks import double\n\n\n@workflow\ndef etl(x: int) -> int:\n    return double(x=x)\n\n\netl_lp = LaunchPlan.get_or_create(workflow=etl, name=\"etl_lp\")\n");
        repo.WriteFile("flows/report.py", "from flytekit import workflow\nfrom flows.tasks import double\n\n\n@workflow\ndef report(x: int) -> int:\n    return double(x=x)\n");
        repo.Commit("Flyte 1 flows");
        return repo;
    }
}
