using Assistant.Core.Migration.Inventory;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Inventory;

public sealed class PrefilterReaderTests
{
    [Fact]
    public void Should_Read_Every_Byte_Of_Files_Around_And_Beyond_Its_Buffer_With_One_Reader()
    {
        // Given files of every size around the reader's first buffer (64 KiB), and larger ones, read in an order that grows the buffer
        using var folder = new TempDirectory();
        var sizes = new[] { 0, 1, 65535, 65536, 65537, 200_000, 3, 131_072, 131_073, 10 };
        var reader = new PrefilterReader();
        foreach (var (size, index) in sizes.Select((s, i) => (s, i)))
        {
            var bytes = Enumerable.Range(0, size).Select(i => (byte)((i * 31) + index)).ToArray();
            var path = folder.Combine($"f{index}.py");
            File.WriteAllBytes(path, bytes);

            // When it is read
            var read = reader.Read(path).ToArray();

            // Then exactly its bytes come back
            Assert.Equal(bytes, read);
        }
    }
}
