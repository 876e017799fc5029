using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>A step of an open flow as the wizard lists it.</summary>
public sealed record StepView(MigrationStep Step, StepState State);
