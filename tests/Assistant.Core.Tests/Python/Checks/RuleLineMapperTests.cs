using Assistant.Core.Python.Checks;

namespace Assistant.Core.Tests.Python.Checks;

public sealed class RuleLineMapperTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<int, string>> s_rules = new()
    {
        ["flows_v2/etl.py"] = new Dictionary<int, string> { [4] = "FLY010", [9] = "FLY042" },
    };

    private static ImportCheckError Error(string? file, int? line, params TracebackFrame[] frames) =>
        new("TypeError", "boom", file, line, null, null, null, frames);

    [Fact]
    public void Should_Name_The_Rule_That_Wrote_The_Error_Line()
    {
        Assert.Equal("FLY042", RuleLineMapper.Attach(Error("flows_v2/etl.py", 9), s_rules).RuleId);
    }

    [Fact]
    public void Should_Look_Through_The_Whole_Span_Of_A_Multi_Line_Call()
    {
        var error = Error("flows_v2/etl.py", 6) with { CallLine = 3, EndLine = 7 };

        Assert.Equal("FLY010", RuleLineMapper.Attach(error, s_rules).RuleId);
    }

    [Fact]
    public void Should_Fall_Back_To_The_Innermost_Mapped_Traceback_Frame()
    {
        var error = Error("flows_v2/helpers.py", 2, new TracebackFrame("flows_v2/etl.py", 9, "<module>", null), new TracebackFrame("flows_v2/helpers.py", 2, "<module>", null));

        Assert.Equal("FLY042", RuleLineMapper.Attach(error, s_rules).RuleId);
    }

    [Fact]
    public void Should_Leave_An_Unmapped_Line_Without_A_Rule()
    {
        Assert.Null(RuleLineMapper.Attach(Error("flows_v2/etl.py", 5), s_rules).RuleId);
    }
}
