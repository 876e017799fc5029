using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>A call's keyword argument looked up on the tree itself: rules ask every call of a module for a keyword most
/// calls lack, and <see cref="CallSyntax.Keyword"/> builds the call's keyword list for each question.</summary>
public static class CallKeywords
{
    /// <summary>The keyword argument <paramref name="name"/> of a <c>Call</c> node (what <see cref="CallSyntax.Keyword"/> returns), or null.</summary>
    public static KeywordSyntax? Find(SyntaxNode call, string name)
    {
        foreach (var keyword in call.Children("keywords"))
        {
            if (string.Equals(keyword.Scalar("arg"), name, StringComparison.Ordinal))
            {
                return new KeywordSyntax(keyword);
            }
        }

        return null;
    }
}
