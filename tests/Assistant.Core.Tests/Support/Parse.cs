using Assistant.Core.Python;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Support;

internal static class Parse
{
    public static async Task<PythonModule> ModuleAsync(this ModuleParser parser, string text, string path = "m.py")
    {
        var outcome = await parser.ParseAsync(path, text);
        Assert.True(outcome.IsSuccess, $"expected {path} to parse: {outcome.SyntaxError}");
        return outcome.Module!;
    }
}
