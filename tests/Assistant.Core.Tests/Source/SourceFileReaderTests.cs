using System.Text;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Source;

public sealed class SourceFileReaderTests
{
    [Fact]
    public void Should_Strip_The_Bom_From_The_Text_And_Write_It_Back()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x = 'é'\r\n")];
        var result = SourceFileReader.Decode(bytes);
        Assert.True(result.IsSuccess);
        Assert.Equal("x = 'é'\r\n", result.Text);
        Assert.Equal(bytes, result.Encoding!.GetBytes(result.Text!));
    }

    [Fact]
    public void Should_Decode_Latin1_Per_Coding_Cookie_And_Round_Trip_The_Bytes()
    {
        var bytes = Encoding.Latin1.GetBytes("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = 'Café'\n");
        var result = SourceFileReader.Decode(bytes);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains("Café", result.Text);
        Assert.Equal(bytes, result.Encoding!.GetBytes(result.Text!));
    }

    [Fact]
    public void Should_Refuse_Latin1_Bytes_Without_A_Cookie()
    {
        var result = SourceFileReader.Decode(Encoding.Latin1.GetBytes("name = 'Café'\n"));
        Assert.False(result.IsSuccess);
        Assert.Contains("not valid UTF-8", result.Error);
    }

    [Fact]
    public void Should_Ignore_A_Cookie_After_Code_On_Line_One()
    {
        var result = SourceFileReader.Decode(Encoding.UTF8.GetBytes("x = 1\n# coding: latin-1\ny = 'é'\n"));
        Assert.True(result.IsSuccess);
        Assert.Equal("utf-8", result.Encoding!.Name);
    }

    [Fact]
    public void Should_Refuse_Binary_Content()
    {
        Assert.False(SourceFileReader.Decode([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).IsSuccess);
    }
}
