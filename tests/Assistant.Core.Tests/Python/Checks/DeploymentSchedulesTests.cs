using Assistant.Core.Python.Checks;

namespace Assistant.Core.Tests.Python.Checks;

public sealed class DeploymentSchedulesTests
{
    private static readonly DeclaredEntity s_flow = new("flow", "weekly-report", "weekly_report", new Dictionary<string, string>
    {
        ["task_runner"] = "sequential",
        ["schedule[0]"] = "cron 0 9 * * 1",
    });

    [Fact]
    public void Should_Add_The_Schedules_Of_The_Deployment_Whose_Entrypoint_Is_The_Flow()
    {
        const string yaml = """
            deployments:
            - name: weekly
              entrypoint: ./flows_v2/weekly_report.py:weekly_report
              parameters: {weeks_back: 1, dry_run: false}
              schedules:
              - interval: 86400.0
                parameters: {recipients: "team@acme.io"}
              - rrule: "FREQ=WEEKLY;BYDAY=MO"
            - name: other
              entrypoint: flows_v2/other.py:weekly_report
              schedules:
              - cron: "* * * * *"
            """;

        var entity = Assert.Single(DeploymentSchedules.Apply([s_flow], "flows_v2/weekly_report.py", [yaml]));

        Assert.Equal("cron 0 9 * * 1", entity.Settings["schedule[0]"]);
        Assert.False(entity.Settings.ContainsKey("schedule[0].parameters"));
        Assert.Equal("interval 86400", entity.Settings["schedule[1]"]);
        Assert.Equal("{dry_run: False, recipients: team@acme.io, weeks_back: 1}", entity.Settings["schedule[1].parameters"]);
        Assert.Equal("rrule FREQ=WEEKLY;BYDAY=MO", entity.Settings["schedule[2]"]);
        Assert.Equal("{dry_run: False, weeks_back: 1}", entity.Settings["schedule[2].parameters"]);
        Assert.Equal("sequential", entity.Settings["task_runner"]);
    }

    [Fact]
    public void Should_Count_A_Schedule_Declared_In_The_File_And_By_Serve_Once()
    {
        const string yaml = """
            deployments:
            - name: weekly
              entrypoint: flows_v2/weekly_report.py:weekly_report
              schedules:
              - cron: "0 9 * * 1"
                active: false
            """;

        var entity = Assert.Single(DeploymentSchedules.Apply([s_flow], "flows_v2/weekly_report.py", [yaml]));

        Assert.Equal("cron 0 9 * * 1", entity.Settings["schedule[0]"]);
        Assert.False(entity.Settings.ContainsKey("schedule[1]"));
    }

    [Fact]
    public void Should_Ignore_A_File_That_Is_Not_A_Deployment_File()
    {
        var entity = Assert.Single(DeploymentSchedules.Apply([s_flow], "flows_v2/weekly_report.py", ["not: [valid", "- just a list"]));

        Assert.Same(s_flow.Settings, entity.Settings);
    }
}
