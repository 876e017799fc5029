using Assistant.Core.Source;

namespace Assistant.Core.Migration.Inventory;

/// <summary>A parsed candidate module with its name bindings and framework.</summary>
internal sealed record ModuleFacts(PythonModule Module, ImportTable Imports, Framework Framework);
