using System.Text;
using Assistant.Core.Git;

namespace Assistant.Core.Tests.Git;

public sealed class GitOutputParserTests
{
    private const string Id = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Should_Parse_Bare_Detached_Locked_And_Prunable_Worktrees()
    {
        var output = Encoding.UTF8.GetBytes(
            "worktree /srv/repo.git\0bare\0\0" +
            $"worktree /work/a b\0HEAD {Id}\0detached\0locked on a usb disk\0\0" +
            $"worktree /work/gone\0HEAD {Id}\0branch refs/heads/flowmigrate/x\0prunable gitdir file points to non-existent location\0\0");

        var worktrees = WorktreeListParser.Parse(output);

        Assert.Equal(
            [
                new WorktreeInfo("/srv/repo.git") { IsBare = true },
                new WorktreeInfo("/work/a b") { Head = new ObjectId(Id), IsDetached = true, IsLocked = true, LockReason = "on a usb disk" },
                new WorktreeInfo("/work/gone")
                {
                    Head = new ObjectId(Id), Branch = "refs/heads/flowmigrate/x",
                    IsPrunable = true, PrunableReason = "gitdir file points to non-existent location",
                },
            ],
            worktrees);
    }

    [Fact]
    public void Should_Parse_Trailers_And_Skip_Ones_This_Tool_Cannot_Represent()
    {
        var trailers = CommitLogParser.ParseTrailers("Flowmigrate-Flow\u001ea.py:etl\u001fweird key\u001evalue\u001fSigned-off-by\u001eA <a@b>");

        Assert.Equal([new CommitTrailer("Flowmigrate-Flow", "a.py:etl"), new CommitTrailer("Signed-off-by", "A <a@b>")], trailers);
    }

    [Fact]
    public void Should_Reject_Log_Output_With_A_Missing_Field()
    {
        Assert.Throws<FormatException>(() => CommitLogParser.Parse(Encoding.UTF8.GetBytes($"{Id}\0\0")));
    }

    [Fact]
    public void Should_Skip_Symbolic_Refs_When_Parsing_Branches()
    {
        var output = $"refs/remotes/origin/HEAD\0{Id}\0\01700000000\0refs/remotes/origin/main\n" +
                     $"refs/remotes/origin/main\0{Id}\0\01700000000\0\n";

        var branch = Assert.Single(BranchListParser.Parse(output, ["origin"]));

        Assert.Equal("origin/main", branch.ShortName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), branch.CommitterDate);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    [InlineData("0123456789abcdef0123456789abcdef0123456g")]
    public void Should_Reject_Object_Ids_That_Are_Not_Full_Lowercase_Hex(string value)
    {
        Assert.Throws<ArgumentException>(() => new ObjectId(value));
    }
}
