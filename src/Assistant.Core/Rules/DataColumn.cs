namespace Assistant.Core.Rules;

/// <summary>One column of a <see cref="DataTable"/> as its file declares it (<c>name?: description</c> is optional).</summary>
public sealed record DataColumn(string Name, string Description, bool Optional);
