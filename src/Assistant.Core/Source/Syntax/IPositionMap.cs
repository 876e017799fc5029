namespace Assistant.Core.Source.Syntax;

/// <summary>A monotone map of positions of one text to those of another (<see cref="SyntaxNode.Shifted{TMap}"/>): a struct, so
/// that a tree's copy calls it without a delegate.</summary>
internal interface IPositionMap
{
    /// <summary>Where <paramref name="position"/> is in the other text.</summary>
    int Map(int position);
}
