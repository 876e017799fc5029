namespace Assistant.Core.Source.Diff;

public enum DiffLineKind
{
    Context,
    Removed,
    Added,
}
