using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>Every step's outcome, the project after the last step, and the files the steps generated.</summary>
public sealed record ConversionResult(IReadOnlyList<StepOutcome> Steps, ProjectModel Project, IReadOnlyList<GeneratedFile> Generated);
