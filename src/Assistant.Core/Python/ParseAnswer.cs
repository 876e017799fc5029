using System.Text.Json;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python;

/// <summary>The result of a <c>parse</c> request: the tree and comments, or the syntax error that prevented them.</summary>
internal sealed record ParseAnswer(SyntaxNode? Root, IReadOnlyList<Comment> Comments, JsonElement? SyntaxError);
