using Assistant.Core.Source;

namespace Assistant.Core.Rules;

/// <summary>Everything a rule may read: the module, the rest of the project, the ruleset's data tables and the options.</summary>
public sealed record RuleContext(PythonModule Module, ProjectModel Project, RulesetTables Tables, RuleOptions Options);
