namespace Assistant.Core.Python.Checks;

/// <summary>Which side of a migration a module belongs to. The old side is always loaded with stand-ins.</summary>
public enum CheckSide
{
    Old,
    New,
}
