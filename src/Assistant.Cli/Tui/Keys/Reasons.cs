using Assistant.Cli.Tui.State;

namespace Assistant.Cli.Tui.Keys;

/// <summary>Disabled reasons several screens share.</summary>
internal static class Reasons
{
    public static string? Busy(TuiState state) => state.Busy is { } busy ? $"wait: {busy}" : null;

    public static string? NoStep(TuiState state) => state.Wizard?.Preview is null ? "every step of this flow is decided" : null;
}
