using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

/// <summary>Names that git would read as options if they ever reached its option parser.</summary>
public sealed class ArgumentInjectionTests : IDisposable
{
    private readonly TempGitRepo _repo = TempGitRepo.CreateWithCommit();
    private readonly TempDirectory _outside = new();

    private string Marker => _outside.Combine("pwned");

    private string UploadPack => $"--upload-pack=touch {Marker}";

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task Should_Never_Execute_Or_Write_When_Branch_Names_Are_Options()
    {
        var repository = await OpenAsync();

        var created = await repository.CreateBranchAsync(UploadPack, "HEAD");
        var worktree = await repository.WorktreeAddAsync(_outside.Combine("wt"), UploadPack, "HEAD");
        var existing = await repository.WorktreeAddAsync(_outside.Combine("wt2"), UploadPack);
        var valid = await repository.IsRefNameValidAsync(UploadPack);
        var exists = await repository.RefExistsAsync("refs/heads/" + UploadPack);

        Assert.Equal(GitErrorKind.InvalidRefName, created.Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidRefName, worktree.Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidRefName, existing.Error?.Kind);
        Assert.False(valid.Value);
        Assert.False(exists.Value);
        AssertNothingHappened();
    }

    [Fact]
    public async Task Should_Never_Execute_Or_Write_When_Revisions_Are_Options()
    {
        var repository = await OpenAsync();
        var output = $"--output={Marker}";

        var errors = new[]
        {
            (await repository.RevParseAsync(UploadPack)).Error,
            (await repository.RevParseAsync(output)).Error,
            (await repository.LogAsync(output)).Error,
            (await repository.LogAsync("HEAD", excluding: output)).Error,
            (await repository.CountCommitsAsync(output)).Error,
            (await repository.IsAncestorAsync(output, "HEAD")).Error,
            (await repository.MergeBaseAsync("HEAD", UploadPack)).Error,
            (await repository.ShowFileAsync(output, "README.md")).Error,
            (await repository.CreateBranchAsync("ok", output)).Error,
            (await repository.WorktreeAddAsync(_outside.Combine("wt"), "ok", output)).Error,
        };

        Assert.All(errors, error => Assert.Equal(GitErrorKind.InvalidArgument, error?.Kind));
        AssertNothingHappened();
    }

    [Fact]
    public async Task Should_Treat_Option_Like_Paths_As_Plain_Files()
    {
        var path = "--upload-pack=touch pwned";
        var output = "--output=pwned";
        _repo.WriteFile(path, "a = 1\n");
        _repo.WriteFile(output, "b = 1\n");
        var repository = await OpenAsync();

        var files = (await repository.ListFilesAsync()).Value;
        var status = (await repository.StatusAsync()).Value;
        var ignored = (await repository.CheckIgnoreAsync([path, output])).Value;
        var worktree = (await repository.WorktreeAddAsync(_repo.FullPath(".git/fm/wt"), "flowmigrate/x", "HEAD")).Value;
        File.WriteAllText(Path.Combine(worktree.Root, path), "converted\n");
        var staged = await worktree.StageAsync([path]);
        var commit = await worktree.CommitAsync(new CommitRequest("add option-like file"));
        var shown = await repository.ShowFileAsync("flowmigrate/x", path);

        Assert.Contains(path, files);
        Assert.Contains(output, files);
        Assert.Equal(2, status.Count(e => e.Path == path || e.Path == output));
        Assert.Empty(ignored);
        Assert.True(staged.IsSuccess, staged.ToString());
        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.Equal("converted\n", System.Text.Encoding.UTF8.GetString(shown.Value));
        Assert.False(File.Exists(_repo.FullPath("pwned")));
        Assert.False(File.Exists(Path.Combine(worktree.Root, "pwned")));
        AssertNothingHappened();
    }

    private async Task<GitRepository> OpenAsync() => (await GitRepository.OpenAsync(_repo.Path)).Value;

    private void AssertNothingHappened()
    {
        Assert.False(File.Exists(Marker), "an injected command ran");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside.Path));
    }
}
