using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Flows that live in a submodule or nested repository, scanned because the user asked (<c>--submodules</c>,
/// <c>submodules: true</c>). Their files belong to another repository: a flow branch of this one cannot commit them,
/// and flowmigrate never writes into the submodule's checkout. So they are listed (state skipped, with a note saying
/// where they migrate), left out of every migration unit, and opening one is refused with the command that migrates it
/// in its own repository, where its branch belongs.
/// </summary>
internal static class SubmoduleFlows
{
    /// <summary>This repository's own flows (without the submodule files among the files they touch), and the submodules' flows.</summary>
    public static (RepositoryInventory Own, IReadOnlyList<FlowRecord> Nested) Split(RepositoryInventory inventory)
    {
        bool IsNested(string path) => inventory.NestedRepositoryOf(path) is not null;
        var own = inventory.Flows.Where(f => !IsNested(f.File))
            .Select(f => f with { Files = f.Files.Where(file => !IsNested(file)).ToList() })
            .ToList();
        return (inventory with { Flows = own }, inventory.Flows.Where(f => IsNested(f.File)).ToList());
    }

    public static FlowStatus Status(RepositoryInventory inventory, FlowRecord flow) =>
        new(flow.Id, flow.Name, FrameworkNames.Of(flow.Framework), flow.File, flow.Tasks.Count, FlowState.Skipped, null, 0, null, 0)
        {
            Note = $"in the submodule {inventory.NestedRepositoryOf(flow.File)}, its own repository; migrate it there: {Command(inventory, flow)}",
        };

    public static SessionException Refusal(RepositoryInventory inventory, FlowRecord flow) =>
        new(SessionRefusal.InSubmodule,
            $"{flow.Id} is in the submodule {inventory.NestedRepositoryOf(flow.File)}, its own repository, and flowmigrate never writes into a submodule " +
            $"from the repository around it; migrate it there: {Command(inventory, flow)}");

    private static string Command(RepositoryInventory inventory, FlowRecord flow)
    {
        var repository = inventory.NestedRepositoryOf(flow.File)!;
        return $"flowmigrate migrate {Quote(repository)} --flow {Quote(flow.Id[(repository.Length + 1)..])}";
    }

    private static string Quote(string argument) =>
        argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or ':' or '-')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
