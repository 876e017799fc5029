using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Reporting;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Commands;

/// <summary>
/// What <c>status --sarif FILE</c> and <c>status --fail-on todo|unmigrated|new-v1</c> add to <c>status</c>: the SARIF file, and
/// a CI gate that fails (exit 1) with one line on stderr saying which gate tripped and why.
/// </summary>
internal sealed record StatusGates(string? SarifPath, IReadOnlySet<string> FailOn)
{
    public bool IsEmpty => SarifPath is null && FailOn.Count == 0;

    public static StatusGates Of(string? sarifPath, string[]? failOn) => new(sarifPath, (failOn ?? []).ToHashSet(StringComparer.Ordinal));

    public async Task<int> RunAsync(MigrationSession session, NewV1Code newCode, CancellationToken cancellationToken)
    {
        var report = await new ReportGatherer(session).GatherAsync(new ReportOptions(IncludeChecks: false, IncludeDiffs: false), cancellationToken) with { NewCode = newCode };
        if (SarifPath is not null)
        {
            try
            {
                await File.WriteAllTextAsync(Path.GetFullPath(SarifPath), SarifLog.Write(report), cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"cannot write {SarifPath}: {exception.Message}");
            }
        }

        var reasons = new List<string>();
        if (FailOn.Contains("todo") && report.Todos.Count > 0)
        {
            var files = report.Todos.Select(t => t.File).Distinct(StringComparer.Ordinal).Count();
            reasons.Add($"{report.Todos.Count} TODO marker(s) remain in {files} file(s) (first: {report.Todos[0].File}:{report.Todos[0].Line})");
        }

        if (FailOn.Contains("unmigrated") && report.Unmigrated.Count > 0)
        {
            var names = report.Unmigrated.Select(f => f.Status.Name).Distinct(StringComparer.Ordinal).ToList();
            reasons.Add($"{names.Count} flow(s) still on v1 ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", …" : "")})");
        }

        if (FailOn.Contains("new-v1") && (report.NewUnmigrated.Count > 0 || report.NewV1Files.Count > 0))
        {
            var names = report.NewUnmigrated.Select(f => f.Status.Name).Distinct(StringComparer.Ordinal).ToList();
            var what = names.Count > 0
                ? $"{names.Count} flow(s) added on v1 since the migration started ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", …" : "")})"
                : $"{report.NewV1Files.Count} v1 file(s) added since the migration started ({string.Join(", ", report.NewV1Files.Take(5))}{(report.NewV1Files.Count > 5 ? ", …" : "")})";
            reasons.Add($"{what}, start {newCode.Start!.Commit[..7]}");
        }

        if (reasons.Count == 0)
        {
            return ExitCodes.Success;
        }

        Console.Error.WriteLine("flowmigrate: gate failed: " + string.Join("; ", reasons));
        return ExitCodes.Failure;
    }
}

