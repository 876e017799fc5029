namespace Assistant.Core.Migration.Session;

/// <summary>
/// Optional capability of a session: change the repository's pinned Prefect target (<c>prefect2</c> / <c>prefect3</c>)
/// and re-plan. Work is never lost: flows in progress on the current target block the change (finish or abandon
/// them first); committed and merged flows keep the branches they have.
/// </summary>
public interface IPrefectTargetChoice
{
    /// <summary>What switching to <paramref name="target"/> would do; changes nothing.</summary>
    Task<TargetChangePlan> PlanTargetChangeAsync(string target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pins <paramref name="target"/> in <c>.flowmigrate/config.yaml</c> and re-plans the Prefect flows not started.
    /// Refused with <see cref="SessionRefusal.TargetChangeBlocked"/> (nothing changed) while the plan has blocking flows.
    /// </summary>
    Task<TargetChangePlan> ChangeTargetAsync(string target, CancellationToken cancellationToken = default);
}
