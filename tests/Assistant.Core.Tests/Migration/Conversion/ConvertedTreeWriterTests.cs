using System.Text;
using Assistant.Core.Migration.Conversion;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Conversion;

public sealed class ConvertedTreeWriterTests
{
    [Fact]
    public async Task Should_Write_A_Copy_With_The_Converted_And_Generated_Files_Over_It()
    {
        // Given a source with a flow in Latin-1, an executable script, plain files, a git folder and a link
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        using var elsewhere = new TempDirectory();
        elsewhere.Write("linked.py", "z = 3\n");
        File.WriteAllBytes(source.Combine("flow.py"), Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\nname = 'café'\n"));
        source.Write("pkg/__init__.py", "");
        var script = source.Write("bin/run.sh", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        source.Write(".git/HEAD", "ref: refs/heads/main\n");
        File.CreateSymbolicLink(source.Combine("outside"), elsewhere.Path);
        var destination = Path.Combine(output.Path, "converted");

        // When the copy completes with the flow converted and a file generated
        await using (var tree = ConvertedTreeWriter.Start(source.Path, destination))
        {
            await tree.CompleteAsync(
                [new ConvertedFile("flow.py", "r", "# -*- coding: latin-1 -*-\nname = 'café'\n", "# -*- coding: latin-1 -*-\nname = 'thé'\n")],
                [new GeneratedFile("deploy/prefect.yaml", "name: é\n")]);
        }

        // Then the flow is in its own encoding, the rest is copied as it was, and git's folder and the link are not
        Assert.Equal(Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\nname = 'thé'\n"), File.ReadAllBytes(Path.Combine(destination, "flow.py")));
        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(Path.Combine(destination, "bin/run.sh")));
        Assert.True(File.GetUnixFileMode(Path.Combine(destination, "bin/run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.Exists(Path.Combine(destination, "pkg/__init__.py")));
        Assert.Equal("name: é\n"u8.ToArray(), File.ReadAllBytes(Path.Combine(destination, "deploy/prefect.yaml")));
        Assert.False(Directory.Exists(Path.Combine(destination, ".git")));
        Assert.False(Path.Exists(Path.Combine(destination, "outside")));
    }

    [Fact]
    public async Task Should_Write_A_Converted_File_In_The_Encoding_The_Conversion_Read_It_In_Without_Reading_The_Source_Again()
    {
        // Given a source file, and its conversion that carries the encoding the file was read in (here Latin-1, which the file
        // on disk, without a coding cookie, no longer says: the writer must not read it again to find out)
        using var source = new TempDirectory();
        using var output = new TempDirectory();
        source.Write("flow.py", "name = 'cafe'\n");
        var destination = Path.Combine(output.Path, "converted");
        var latin1 = new Assistant.Core.Source.SourceEncoding(Encoding.Latin1, false);

        // When the copy completes with that file converted
        await using (var tree = ConvertedTreeWriter.Start(source.Path, destination))
        {
            await tree.CompleteAsync([new ConvertedFile("flow.py", "r", "name = 'cafe'\n", "name = 'thé'\n") { Encoding = latin1 }], []);
        }

        // Then it is written in that encoding
        Assert.Equal(Encoding.Latin1.GetBytes("name = 'thé'\n"), File.ReadAllBytes(Path.Combine(destination, "flow.py")));
    }

    [Fact]
    public async Task Should_Not_Copy_A_Destination_Inside_The_Source_Into_Itself()
    {
        // Given a destination folder inside the source
        using var source = new TempDirectory();
        source.Write("a.py", "x = 1\n");
        source.Write("sub/b.py", "y = 2\n");
        var destination = source.Combine("out");

        // When the copy completes
        await using (var tree = ConvertedTreeWriter.Start(source.Path, destination))
        {
            await tree.CompleteAsync([], []);
        }

        // Then it holds the source's files and no copy of itself
        var copied = Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(destination, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["a.py", "sub/b.py"], copied);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_Leave_The_Destination_As_Found_When_The_Conversion_Does_Not_Complete(bool existedEmpty)
    {
        // Given a source of many files and a destination that is absent or empty
        using var source = new TempDirectory();
        for (var i = 0; i < 300; i++)
        {
            source.Write($"d{i % 7}/f{i}.py", $"x = {i}\n");
        }

        using var output = new TempDirectory();
        var destination = Path.Combine(output.Path, "converted");
        if (existedEmpty)
        {
            Directory.CreateDirectory(destination);
        }

        // When the writer is disposed without completing (the conversion failed)
        var tree = ConvertedTreeWriter.Start(source.Path, destination);
        await tree.DisposeAsync();

        // Then the destination is as it was: absent, or there and empty
        Assert.Equal(existedEmpty, Directory.Exists(destination));
        if (existedEmpty)
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(destination));
        }
    }

    [Fact]
    public async Task Should_Report_A_File_It_Cannot_Copy()
    {
        // Given a source and a destination where one of its files cannot be created (something is in the way)
        using var source = new TempDirectory();
        source.Write("a.py", "x = 1\n");
        source.Write("b.py", "y = 2\n");
        using var output = new TempDirectory();
        output.Write("converted/b.py", "in the way\n");

        // When the copy completes, Then the failure is reported with the file
        await using var tree = ConvertedTreeWriter.Start(source.Path, output.Combine("converted"));
        var failure = await Assert.ThrowsAsync<IOException>(() => tree.CompleteAsync([], []));
        Assert.Contains("b.py", failure.Message);
    }

    [Fact]
    public void Should_Cut_The_Files_Into_Runs_Of_One_Folder_Each_At_Most_Max_Run_Long()
    {
        // Given files in walk order: three at the top, five in pkg, one in pkg/sub
        (string, string)[] files = [.. new[] { "a.py", "b.py", "c.py", "pkg/1.py", "pkg/2.py", "pkg/3.py", "pkg/4.py", "pkg/5.py", "pkg/sub/x.py" }
            .Select(relative => ("/src/" + relative, relative))];

        // Then each folder starts a run, a run holds at most two files, and the count ends the list
        Assert.Equal([0, 2, 3, 5, 7, 8, 9], ConvertedTreeWriter.FolderRuns(files, maxRun: 2));
        Assert.Equal([0, 3, 8, 9], ConvertedTreeWriter.FolderRuns(files, maxRun: 256));
        Assert.Equal([0], ConvertedTreeWriter.FolderRuns([], maxRun: 256));
    }

    [Fact]
    public async Task Should_Copy_Every_File_Of_Many_Folders()
    {
        // Given a source with folders larger (350 files) and smaller than a run (256)
        using var source = new TempDirectory();
        for (var folder = 0; folder < 6; folder++)
        {
            for (var file = 0; file < 70 * folder; file++)
            {
                source.Write($"pkg{folder}/m{file}.py", $"x = {folder * 1000 + file}\n");
            }
        }

        source.Write("top.py", "y = 1\n");
        using var output = new TempDirectory();

        // When it is copied
        await using var tree = ConvertedTreeWriter.Start(source.Path, output.Combine("copy"));
        await tree.CompleteAsync([], []);

        // Then every file is there with its text
        var expected = Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(source.Path, f)).Order().ToList();
        var copied = Directory.EnumerateFiles(output.Combine("copy"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output.Combine("copy"), f)).Order().ToList();
        Assert.Equal(1051, expected.Count);
        Assert.Equal(expected, copied);
        Assert.All(expected, relative => Assert.Equal(File.ReadAllText(Path.Combine(source.Path, relative)), File.ReadAllText(Path.Combine(output.Combine("copy"), relative))));
    }
}
